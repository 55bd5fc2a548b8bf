"""The check review runs on the revision under review (registered with ``review.rules``)."""

from core.page_text import page_text

from .checks.content import page_findings
from .models import Finding


def review_findings(page):
    """Findings for one page object, in the form the review forms show and record."""
    return [
        {
            "kind": str(Finding.Kind(item.kind).label),
            "field": str(item.field),
            "value": str(item.subject),
            "context": item.context,
            "context_html": str(item.context_html),
            "suggestion": str(item.suggestion),
            "blocking": item.kind == Finding.Kind.SEVERE_WORD,
        }
        for item in page_findings(page, text_of_page=page_text(page))
    ]
