"""Statutory consultation periods: 30 days for major decisions, 7 working days for normative documents."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from core.calendar import working_days_between


def minimum_days():
    return getattr(settings, "GONGKAI_CONSULTATION_MIN_DAYS", 30)


def minimum_working_days():
    return getattr(settings, "GONGKAI_CONSULTATION_NORMATIVE_MIN_WORKING_DAYS", 7)


def period_days(starts_at, ends_at):
    """Calendar days of the period, counting the first and the last day (local dates)."""
    first = timezone.localtime(starts_at).date()
    last = timezone.localtime(ends_at).date()
    return (last - first).days + 1


def period_working_days(starts_at, ends_at):
    """Working days of the period on the official calendar, counting the first and the last day."""
    first = timezone.localtime(starts_at).date()
    last = timezone.localtime(ends_at).date()
    return working_days_between(first - timedelta(days=1), last)


def period_problem(starts_at, ends_at, normative):
    """A Chinese sentence saying why the period is shorter than the rule allows, or "" when it is long enough."""
    days = period_days(starts_at, ends_at)
    if days >= minimum_days():
        return ""
    if normative:
        working = period_working_days(starts_at, ends_at)
        if working >= minimum_working_days():
            return ""
        return (
            f"行政规范性文件征求意见期限一般不少于{minimum_working_days()}个工作日，"
            f"当前为{working}个工作日；期限较短的，请填写理由（理由将向社会公开）。"
        )
    return f"征求意见期限一般不少于{minimum_days()}日，当前为{days}日；期限较短的，请填写理由（理由将向社会公开）。"
