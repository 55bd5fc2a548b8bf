"""The statutory numbers of disclosure on request, each read from a setting with the 2019 条例's default."""

from django.conf import settings


def reply_days():
    """Art. 33: answer within 20 working days of receipt."""
    return getattr(settings, "GONGKAI_APPLICATION_REPLY_DAYS", 20)


def correction_notice_days():
    """Art. 30: one complete 补正 notice within 7 working days of receipt."""
    return getattr(settings, "GONGKAI_APPLICATION_CORRECTION_NOTICE_DAYS", 7)


def correction_period_days():
    """The period a 补正 notice gives the applicant by default (the notice states it)."""
    return getattr(settings, "GONGKAI_APPLICATION_CORRECTION_PERIOD_DAYS", 15)


def third_party_days():
    """Art. 32: the third party has 15 working days to give its opinion."""
    return getattr(settings, "GONGKAI_APPLICATION_THIRD_PARTY_DAYS", 15)


def extension_days():
    """Art. 33: an extension of at most 20 more working days."""
    return getattr(settings, "GONGKAI_APPLICATION_EXTENSION_DAYS", 20)


def due_soon_days():
    """Records with this many working days left or fewer are highlighted and reminded."""
    return getattr(settings, "GONGKAI_APPLICATION_DUE_SOON_DAYS", 3)


def rate_limit():
    """Applications per hour per IP address and per contact."""
    return getattr(settings, "GONGKAI_APPLICATION_RATE_LIMIT", 5)
