"""The sitemap (/sitemap.xml): every live public page of the site."""

from wagtail.contrib.sitemaps import Sitemap


class PageSitemap(Sitemap):
    """Wagtail's sitemap, reading the pages in one query whatever their types.

    Wagtail reads each page type's own fields (one query per type) although a sitemap entry
    needs only the address and the publication date; the pages keep their specific classes,
    so a type that overrides ``get_sitemap_urls`` still does.
    """

    def items(self):
        return (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .specific(defer=True)
        )
