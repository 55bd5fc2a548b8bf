"""Demo content for search: the relevance corpus as real documents, a synonym, a promotion.

The documents of ``search/relevance/corpus.json`` (written for the fictional
示例市) are published into the main catalogue 政府信息公开目录, so the demo
site answers the judged queries (低保, 公积金提取, 文号 with square brackets).
Idempotent: pages are looked up by slug, organisations and subjects by name.
"""

from __future__ import annotations

import datetime

from django.db.models import F
from django.utils.text import slugify

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from disclosure.builders import add_document, get_organisation
from disclosure.index_numbers import format_index_number
from disclosure.models import CatalogueIndexPage, DisclosureIndexPage, PolicyDocumentPage, SubjectCategory
from search.models import Synonym
from search.relevance import load_corpus

SLUG_PREFIX = "wj-"
ORG_SEED_BASE = 8100
# Corpus subjects that are not names of the standard categories (disclosure migration 0003).
SUBJECT_NAMES = {"劳动就业": "就业", "经济管理": "国民经济管理、国有资产监管"}


def find_or_create_catalogue(context):
    """The CatalogueIndexPage "政府信息公开目录", creating the minimal tree if needed."""

    catalogue = CatalogueIndexPage.objects.filter(title="政府信息公开目录").order_by("depth", "path").first()
    if catalogue is not None:
        return catalogue
    home = context.get("home")
    if home is None:
        from wagtail.models import Site

        home = Site.objects.get(is_default_site=True).root_page
    section = DisclosureIndexPage.objects.filter(title="政府信息公开").first()
    if section is None:
        section = DisclosureIndexPage(title="政府信息公开", slug="xxgk", show_in_menus=True)
        home.add_child(instance=section)
        section.save_revision().publish()
    catalogue = CatalogueIndexPage(title="政府信息公开目录", slug="xxgkml")
    section.add_child(instance=catalogue)
    catalogue.save_revision().publish()
    return catalogue


def document_slug(key: str) -> str:
    return SLUG_PREFIX + slugify(key)


def load_corpus_documents(catalogue, corpus=None, stdout=None) -> dict[str, object]:
    """Publish the corpus documents under ``catalogue``; return {key: page}."""

    corpus = corpus or load_corpus()
    organisations = {
        key: get_organisation(name, ORG_SEED_BASE + i) for i, (key, name) in enumerate(corpus["organisations"].items())
    }
    pages = {}
    created = 0
    for serial, doc in enumerate(corpus["documents"], start=1):
        slug = document_slug(doc["key"])
        existing = PolicyDocumentPage.objects.filter(slug=slug).first()
        if existing is not None:
            pages[doc["key"]] = existing
            continue
        subject = None
        if doc.get("subject"):
            # The standard category of that name, at whatever level (most are second-level):
            # a new top-level twin would split the catalogue filter's results.
            name = SUBJECT_NAMES.get(doc["subject"], doc["subject"])
            subject = (
                SubjectCategory.objects.filter(name=name).order_by(F("parent_id").asc(nulls_last=True), "pk").first()
            )
            if subject is None:
                subject = SubjectCategory.objects.create(name=name)
        organisation = organisations[doc["org"]]
        formed_on = datetime.date.fromisoformat(doc["formed_on"])
        index_number = format_index_number(unit_code=organisation.unit_code, year=formed_on.year, serial=9000 + serial)
        if PolicyDocumentPage.objects.filter(index_number=index_number).exists():
            index_number = ""
        pages[doc["key"]] = add_document(
            catalogue,
            title=doc["title"],
            slug=slug,
            organisation=organisation,
            body=doc["body"],
            document_number=doc.get("docnum", ""),
            index_number=index_number,
            formed_on=formed_on,
            subject=subject,
            keywords=doc.get("keywords", ""),
            validity=doc.get("validity", "valid"),
        )
        created += 1
    if stdout is not None:
        stdout.write(f"search: {created} documents created, {len(pages) - created} already present")
    return pages


def load(context, stdout):
    catalogue = find_or_create_catalogue(context)
    pages = load_corpus_documents(catalogue, stdout=stdout)
    if not Synonym.objects.filter(terms="困难补助，临时救助").exists():
        Synonym.objects.create(terms="困难补助，临时救助", note="市民常用说法（演示数据）")
    query = Query.get("公开")
    if not SearchPromotion.objects.filter(query=query).exists() and "gkyd2024" in pages:
        SearchPromotion.objects.create(
            query=query, page=pages["gkyd2024"], sort_order=0, description="本年度政务公开工作安排"
        )
    context["search_documents"] = pages
