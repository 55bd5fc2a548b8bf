"""Columns (index pages): stale, about to go stale, or without any live content."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Page

from ..models import ColumnRule, Finding
from ..models.columns import default_max_age_days
from .base import Found

# The index page types that are columns in the sense of the website inspection indicators.
COLUMN_MODELS = [
    ("home", "newsindexpage"),
    ("home", "columnindexpage"),
    ("disclosure", "catalogueindexpage"),
    ("disclosure", "interpretationindexpage"),
    ("disclosure", "annualreportindexpage"),
    ("consultations", "consultationindexpage"),
]


def warn_days():
    return getattr(settings, "GONGKAI_INSPECTION_COLUMN_WARN_DAYS", 7)


def column_pages():
    types = [
        ct.pk
        for ct in ContentType.objects.filter(app_label__in={app for app, _m in COLUMN_MODELS})
        if (ct.app_label, ct.model) in COLUMN_MODELS
    ]
    return Page.objects.live().filter(content_type_id__in=types).select_related("content_type").order_by("path")


def column_findings(now=None):
    now = now or timezone.now()
    rules = {rule.page_id: rule for rule in ColumnRule.objects.all()}
    warn = timedelta(days=warn_days())
    found = []
    for column in column_pages():
        rule = rules.get(column.pk)
        if not column.get_children().live().exists():
            if not (rule and rule.exempt_empty):
                found.append(
                    Found(
                        Finding.Kind.EMPTY_COLUMN,
                        column,
                        _("栏目"),
                        _("栏目没有已发布的内容"),
                        suggestion=_("发布内容，或撤下该栏目"),
                    )
                )
            continue
        latest = (
            Page.objects.live()
            .filter(path__startswith=column.path, depth__gt=column.depth)
            .aggregate(latest=Max(Coalesce("first_published_at", "latest_revision_created_at")))["latest"]
        )
        if latest is None:
            continue
        max_age = rule.max_age_days if rule else default_max_age_days(column)
        due = latest + timedelta(days=max_age)
        latest_day = timezone.localdate(latest)
        if now > due:
            found.append(
                Found(
                    Finding.Kind.STALE_COLUMN,
                    column,
                    _("栏目"),
                    _("栏目已%(days)d天未更新（最近更新%(date)s，更新周期%(max)d天）")
                    % {"days": (now - latest).days, "date": latest_day, "max": max_age},
                    suggestion=_("请及时发布新内容"),
                )
            )
        elif now > due - warn:
            found.append(
                Found(
                    Finding.Kind.STALE_SOON,
                    column,
                    _("栏目"),
                    _("栏目将于%(due)s超过更新周期（最近更新%(date)s，更新周期%(max)d天）")
                    % {"due": timezone.localdate(due), "date": latest_day, "max": max_age},
                    suggestion=_("请在期限前发布新内容"),
                )
            )
    return found
