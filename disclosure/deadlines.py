"""Statutory time limits measured in official working days, with the site's own calendar overrides."""

from django.conf import settings
from django.utils import timezone

from disclosure.workdays import working_days_between


def calendar_overrides():
    """The administrator's working-day overrides: date -> is working day."""
    from disclosure.models import WorkingDayOverride

    return dict(WorkingDayOverride.objects.values_list("day", "is_working_day"))


def proactive_disclosure_days():
    return getattr(settings, "GONGKAI_PROACTIVE_DISCLOSURE_DAYS", 20)


def interpretation_days():
    return getattr(settings, "GONGKAI_INTERPRETATION_DAYS", 3)


def local_date(value):
    if value is None:
        return None
    if hasattr(value, "hour"):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def working_days_late(formed_on, published_at, overrides=None):
    """Working days between forming and publishing a document, or None when unpublished."""
    published = local_date(published_at)
    if formed_on is None or published is None:
        return None
    return working_days_between(formed_on, published, overrides)
