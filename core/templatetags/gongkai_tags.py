from django import template
from django.utils import timezone

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


@register.filter
def in_section(page, section):
    """Whether ``page`` is ``section`` or lies below it (the home page only matches itself)."""
    if page is None or section is None:
        return False
    if page.pk == section.pk:
        return True
    return section.depth > 2 and page.path.startswith(section.path)


@register.filter
def result_count(value):
    """A result count as the page shows it: exact (853), or an estimate past the exact limit (约 5.3 万, 约 1,200)."""
    if not getattr(value, "estimated", False):
        return value
    number = int(value)
    if number >= 10_000:
        return f"约 {round(number / 10_000, 1):g} 万"
    return f"约 {round(number, -2):,}"
