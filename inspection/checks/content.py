"""Checks on what a page says: 错敏词 in every text, and the internal links and files it references."""

from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from core.page_text import page_text

from ..models import Finding
from ..words import get_matcher
from .base import Found

WORD_KINDS = {
    "severe": Finding.Kind.SEVERE_WORD,
    "sensitive": Finding.Kind.SENSITIVE_WORD,
    "general": Finding.Kind.GENERAL_WORD,
}
# Site paths served by something other than a page.
NON_PAGE_PREFIXES = ("/media/", "/static/", "/documents/", "/admin/", "/search/", "/sitemap.xml", "/feeds/")


def word_findings(text_of_page, page, matcher=None):
    matcher = matcher or get_matcher()
    found = []
    for part in text_of_page.parts:
        for match in matcher.find(part.text):
            before, word, after = match.context(part.text)
            if match.correction:
                suggestion = _("应为“%(correction)s”") % {"correction": match.correction}
            else:
                suggestion = match.note or _("请删除或改写")
            found.append(
                Found(
                    WORD_KINDS[match.kind],
                    page,
                    part.label,
                    _("“%(word)s”") % {"word": match.word} + (f"（{match.note}）" if match.note else ""),
                    before,
                    word,
                    after,
                    suggestion,
                )
            )
    return found


class LinkResolver:
    """Looks up referenced pages, documents and images in bulk, once per inspection."""

    def __init__(self):
        self.pages = {}
        self.documents = set()
        self.images = set()
        self.paths = {}
        self.own_hosts = set(Site.objects.values_list("hostname", flat=True)) | {"localhost", "127.0.0.1"}
        self.site_roots = sorted(
            Site.objects.select_related("root_page").values_list("root_page__url_path", flat=True), key=len
        )

    def load(self, texts):
        page_ids, document_ids, image_ids, paths = set(), set(), set(), set()
        for text in texts:
            for ref in text.references:
                if ref.kind == "page":
                    page_ids.add(ref.target)
                elif ref.kind == "document":
                    document_ids.add(ref.target)
                elif ref.kind == "image":
                    image_ids.add(ref.target)
                elif ref.kind == "url":
                    path = self.site_path(ref.target)
                    if path is not None:
                        paths.add(path)
        page_ids -= self.pages.keys()
        if page_ids:
            self.pages.update(Page.objects.filter(pk__in=page_ids).values_list("pk", "live"))
        if document_ids:
            self.documents |= set(get_document_model().objects.filter(pk__in=document_ids).values_list("pk", flat=True))
        if image_ids:
            self.images |= set(get_image_model().objects.filter(pk__in=image_ids).values_list("pk", flat=True))
        paths -= self.paths.keys()
        if paths:
            candidates = {root.rstrip("/") + path for root in self.site_roots for path in paths}
            live = set(Page.objects.filter(url_path__in=candidates, live=True).values_list("url_path", flat=True))
            for path in paths:
                self.paths[path] = any(root.rstrip("/") + path in live for root in self.site_roots)

    def site_path(self, url):
        """The path of a link into this site (relative, or to one of its hosts), or None."""
        parts = urlsplit(url)
        if parts.scheme and parts.scheme not in {"http", "https"}:
            return None
        if parts.netloc and parts.hostname not in self.own_hosts:
            return None
        path = parts.path or "/"
        if path.startswith(NON_PAGE_PREFIXES) or not path.startswith("/"):
            return None
        return path if path.endswith("/") else path + "/"

    def problems(self, text_of_page, page):
        found = []
        for ref in text_of_page.references:
            subject = None
            if ref.kind == "page":
                live = self.pages.get(ref.target)
                if live is None:
                    subject = _("链接的页面已删除（页面ID %(id)s）") % {"id": ref.target}
                elif not live:
                    subject = _("链接的页面未发布或已撤回（页面ID %(id)s）") % {"id": ref.target}
            elif ref.kind == "document" and ref.target not in self.documents:
                subject = _("引用的文件已删除（文件ID %(id)s）") % {"id": ref.target}
            elif ref.kind == "image" and ref.target not in self.images:
                subject = _("引用的图片已删除（图片ID %(id)s）") % {"id": ref.target}
            elif ref.kind == "url":
                path = self.site_path(ref.target)
                if path is not None and not self.paths.get(path, True):
                    subject = _("链接的本站页面已移动或不存在：%(url)s") % {"url": ref.target}
            if subject:
                found.append(
                    Found(
                        Finding.Kind.BROKEN_INTERNAL,
                        page,
                        ref.label,
                        subject,
                        suggestion=_("请重新选择链接目标或删除链接"),
                    )
                )
        return found


def page_findings(page, *, text_of_page=None, matcher=None, resolver=None):
    """错敏词 and broken internal references of one page object (a live page or a revision's object)."""
    text_of_page = text_of_page or page_text(page)
    resolver = resolver or LinkResolver()
    resolver.load([text_of_page])
    return word_findings(text_of_page, page, matcher) + resolver.problems(text_of_page, page)


def external_urls(text_of_page):
    return {
        ref.target
        for ref in text_of_page.references
        if ref.kind == "url" and ref.target.startswith(("http://", "https://"))
    }
