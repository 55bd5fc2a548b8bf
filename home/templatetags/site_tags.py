"""The site's identity in templates: the meta tags of 政府网站发展指引."""

from django import template

from core.templatetags.gongkai_tags import pub_datetime
from home.models import SiteIdentity

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context):
    """The meta-tag values of 政府网站发展指引 for the current page."""
    request = context.get("request")
    page = context.get("page")
    identity = SiteIdentity.for_request(request) if request is not None else None
    column = getattr(page, "column_page", None) if page is not None else None
    meta = {
        "SiteName": identity.site_name if identity else "",
        "SiteDomain": request.get_host() if request else "",
        "SiteIDCode": identity.site_id_code if identity else "",
        "ColumnName": column.title if column is not None else context.get("column_name", ""),
        "ColumnType": getattr(column, "column_type", "") if column is not None else context.get("column_type", ""),
    }
    if page is not None and getattr(page, "is_article", False):
        published = getattr(page, "published_at", None) or getattr(page, "first_published_at", None)
        meta.update(
            {
                "ArticleTitle": page.title,
                "PubDate": pub_datetime(published),
                "ContentSource": page.get_content_source() or meta["SiteName"],
                "Keywords": getattr(page, "keywords", "") or "",
                "Description": page.get_meta_description() or "",
            }
        )
    return meta
