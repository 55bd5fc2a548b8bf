from django import template
from django.utils import timezone

from home.models import SiteIdentity

register = template.Library()


@register.filter
def cn_date(value):
    """2024年3月5日, the long date form public pages use."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def iso_date(value):
    """2024-03-05, the short date form lists and metadata use."""
    if not value:
        return ""
    if hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")


@register.filter
def pub_datetime(value):
    """The PubDate meta tag format: YYYY-MM-DD HH:MM."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d 00:00")


@register.filter
def filesize_cn(num_bytes):
    """A document's size as readers expect it: 356 KB, 1.2 MB."""
    if num_bytes is None:
        return ""
    if num_bytes < 1024 * 1024:
        return f"{max(1, round(num_bytes / 1024))} KB"
    return f"{num_bytes / (1024 * 1024):.1f} MB"


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


@register.filter
def in_section(page, section):
    """Whether ``page`` is ``section`` or lies below it (the home page only matches itself)."""
    if page is None or section is None:
        return False
    if page.pk == section.pk:
        return True
    return section.depth > 2 and page.path.startswith(section.path)
