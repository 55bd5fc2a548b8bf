"""Statutory time limits of proactive disclosure, in working days (settings with the national defaults)."""

from django.conf import settings


def proactive_disclosure_days():
    """Art. 26: publish within 20 working days of the information being formed or changed."""
    return getattr(settings, "GONGKAI_PROACTIVE_DISCLOSURE_DAYS", 20)


def interpretation_days():
    """Interpretation material within 3 working days of the policy."""
    return getattr(settings, "GONGKAI_INTERPRETATION_DAYS", 3)
