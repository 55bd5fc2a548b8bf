from django import template

from review.rules import scan_page, scanned_revision

register = template.Library()


@register.simple_tag
def review_scan(task_state):
    """Personal-data hits in the revision awaiting review."""
    if task_state is None:
        return []
    return scan_page(scanned_revision(task_state).as_object())
