"""Column update rules with dates around the limits, the warning a week before, and empty columns."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import Page

import pytest

from disclosure.factories import InterpretationIndexPageFactory, InterpretationPageFactory
from home.factories import NewsIndexPageFactory, NewsPageFactory
from inspection.checks.columns import column_findings
from inspection.factories import ColumnRuleFactory

pytestmark = pytest.mark.django_db


def latest_item(column, days_ago, now):
    item = NewsPageFactory(parent=column) if column.specific_class.__name__ == "NewsIndexPage" else None
    if item is None:
        item = InterpretationPageFactory(parent=column)
    Page.objects.filter(pk=item.pk).update(first_published_at=now - timedelta(days=days_ago))
    return item


def kinds(column, now, **kwargs):
    return [found.kind for found in column_findings(now=now, **kwargs) if found.page.pk == column.pk]


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [(6.9, []), (7.1, ["stale_soon"]), (13.9, ["stale_soon"]), (14.1, ["stale_column"])],
)
def test_news_column_two_weeks(home_page, days_ago, expected):
    now = timezone.now()
    column = NewsIndexPageFactory(parent=home_page)
    latest_item(column, days_ago, now)
    assert kinds(column, now) == expected


@pytest.mark.parametrize(("days_ago", "expected"), [(175, []), (177, ["stale_soon"]), (184, ["stale_column"])])
def test_interpretation_column_six_months(home_page, days_ago, expected):
    now = timezone.now()
    column = InterpretationIndexPageFactory(parent=home_page)
    latest_item(column, days_ago, now)
    assert kinds(column, now) == expected


def test_rule_per_column_and_warning_setting(home_page, settings):
    now = timezone.now()
    column = NewsIndexPageFactory(parent=home_page)
    latest_item(column, 20, now)
    assert kinds(column, now) == ["stale_column"]
    ColumnRuleFactory(page=column, max_age_days=30)
    assert kinds(column, now) == []
    settings.GONGKAI_INSPECTION_COLUMN_WARN_DAYS = 11
    assert kinds(column, now) == ["stale_soon"]


def test_column_without_live_children(home_page):
    now = timezone.now()
    column = NewsIndexPageFactory(parent=home_page)
    assert kinds(column, now) == ["empty_column"]
    draft = NewsPageFactory(parent=column)
    draft.unpublish()
    assert kinds(column, now) == ["empty_column"]
    ColumnRuleFactory(page=column, max_age_days=14, exempt_empty=True)
    assert kinds(column, now) == []
