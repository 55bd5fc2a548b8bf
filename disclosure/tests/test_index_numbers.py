"""Index numbers (索引号): assigned on first publication, unique, never changed, safe under concurrency."""

import datetime
import threading

from django.conf import settings
from django.db import IntegrityError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

import pytest

from disclosure.factories import CatalogueIndexPageFactory, DisclosureIndexPageFactory, OrganisationFactory
from disclosure.models import IndexNumberCounter, PolicyDocumentPage
from disclosure.models.numbering import IndexNumberAllocator
from home.models import HomePage


def _draft(parent, organisation, slug, **fields):
    page = PolicyDocumentPage(
        title=f"关于{slug}的通知",
        slug=slug,
        organisation=organisation,
        formed_on=datetime.date(2026, 3, 2),
        live=False,
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision()
    return page


@pytest.mark.django_db
def test_draft_has_no_index_number_until_published(catalogue, organisations):
    page = _draft(catalogue, organisations["gov"], "draft")
    assert page.index_number == ""
    assert page.published_at is None
    page.get_latest_revision().publish()
    page.refresh_from_db()
    year = timezone.localtime(page.published_at).year
    assert page.index_number == f"{organisations['gov'].unit_code}/{year}-00001"


@pytest.mark.django_db
def test_serials_count_per_organisation_and_year(catalogue, organisations, make_document):
    published_2025 = timezone.make_aware(datetime.datetime(2025, 5, 6, 9))
    published_2026 = timezone.make_aware(datetime.datetime(2026, 1, 6, 9))
    gov, cz = organisations["gov"], organisations["cz"]
    a = make_document(organisation=gov, published_at=published_2025)
    b = make_document(organisation=gov, published_at=published_2025)
    c = make_document(organisation=cz, published_at=published_2025)
    d = make_document(organisation=gov, published_at=published_2026)
    assert a.index_number == f"{gov.unit_code}/2025-00001"
    assert b.index_number == f"{gov.unit_code}/2025-00002"
    assert c.index_number == f"{cz.unit_code}/2025-00001"
    assert d.index_number == f"{gov.unit_code}/2026-00001"


@pytest.mark.django_db
def test_pattern_is_configurable_per_organisation(catalogue, make_document):
    org = OrganisationFactory(
        index_number_pattern="{region_code}-{unit_code}-{year}-{serial:04d}", region_code="420800"
    )
    page = make_document(organisation=org, published_at=timezone.make_aware(datetime.datetime(2025, 7, 1, 9)))
    assert page.index_number == f"420800-{org.unit_code}-2025-0001"


@pytest.mark.django_db
def test_edit_and_republish_keep_the_index_number_and_publish_date(catalogue, organisations):
    page = _draft(catalogue, organisations["gov"], "keep")
    old_revision = page.get_latest_revision()  # saved before the first publication: no index number in it
    old_revision.publish()
    page.refresh_from_db()
    number, published_at = page.index_number, page.published_at
    assert number

    page.title = "关于keep的通知（修订）"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.index_number == number
    assert page.published_at == published_at

    # Re-publishing the revision from before the first publication restores its empty fields.
    old_revision.publish()
    page.refresh_from_db()
    assert page.index_number == number
    assert page.published_at == published_at

    # And a direct attempt to change it is ignored.
    page.index_number = "伪造/2026-99999"
    page.save()
    page.refresh_from_db()
    assert page.index_number == number


@pytest.mark.django_db
def test_index_numbers_are_unique_in_the_database(catalogue, organisations, make_document):
    page = make_document()
    other = make_document()
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyDocumentPage.objects.filter(pk=other.pk).update(index_number=page.index_number)


@pytest.mark.django_db
def test_numbers_already_taken_by_imported_documents_are_skipped(catalogue, organisations, make_document):
    gov = organisations["gov"]
    published = timezone.make_aware(datetime.datetime(2025, 5, 6, 9))
    make_document(organisation=gov, published_at=published, index_number=f"{gov.unit_code}/2025-00001")
    page = make_document(organisation=gov, published_at=published)
    assert page.index_number == f"{gov.unit_code}/2025-00002"


@pytest.mark.django_db
@pytest.mark.parametrize("prepared", [False, True])
def test_a_batch_draws_the_same_numbers_with_few_queries(
    catalogue, organisations, make_document, monkeypatch, prepared
):
    # Numbers are looked up ahead in windows (here of 2, doubling): taken ones are skipped across windows.
    monkeypatch.setattr(IndexNumberAllocator, "LOOKAHEAD", 2)
    gov = organisations["gov"]
    published = timezone.make_aware(datetime.datetime(2025, 5, 6, 9))
    for serial in (1, 3, 4, 9):
        make_document(organisation=gov, published_at=published, index_number=f"{gov.unit_code}/2025-{serial:05d}")
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        allocator = IndexNumberAllocator(PolicyDocumentPage)
        if prepared:
            allocator.prepare({(gov, 2025, ""): 6})
        drawn = [allocator.next(gov, 2025) for _ in range(6)]
        allocator.flush()
    assert drawn == [f"{gov.unit_code}/2025-{serial:05d}" for serial in (2, 5, 6, 7, 8, 10)]
    assert IndexNumberCounter.objects.get(organisation=gov, year=2025).last_serial == 10
    lookups = [q for q in queries.captured_queries if "index_number" in q["sql"]]
    # Windows of 2, 4 and 8 serials; or the 6 foreseen and 2 more, then a window of 2 for the skipped 9.
    assert len(lookups) == (2 if prepared else 3)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_editors_publishing_at_the_same_moment_get_different_serials():
    # Another transactional test may have flushed the tree, root page and locale included.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    home = HomePage(title="示例市人民政府", slug="concurrency-home")
    root.add_child(instance=home)
    organisation = OrganisationFactory(name="并发测试局")
    disclosure = DisclosureIndexPageFactory(parent=home)
    catalogue = CatalogueIndexPageFactory(parent=disclosure)
    pages = [_draft(catalogue, organisation, f"concurrent-{n}") for n in range(4)]
    barrier = threading.Barrier(len(pages))
    errors = []

    def publish(page_id):
        try:
            revision = PolicyDocumentPage.objects.get(pk=page_id).get_latest_revision()
            barrier.wait(timeout=10)
            with transaction.atomic():
                revision.publish()
        except Exception as exc:  # noqa: BLE001 - the test asserts the list of errors is empty
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(page.pk,)) for page in pages]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    numbers = sorted(
        PolicyDocumentPage.objects.filter(organisation=organisation).values_list("index_number", flat=True)
    )
    year = timezone.localtime(timezone.now()).year
    assert numbers == [f"{organisation.unit_code}/{year}-{n:05d}" for n in range(1, len(pages) + 1)]
    assert IndexNumberCounter.objects.get(organisation=organisation, year=year).last_serial == len(pages)
