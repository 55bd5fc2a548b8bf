import datetime
import importlib

from django.apps import apps

import pytest

from disclosure.factories import (
    CatalogueIndexPageFactory,
    DisclosureIndexPageFactory,
    InterpretationIndexPageFactory,
    OrganisationFactory,
    PolicyDocumentPageFactory,
)
from disclosure.models import Genre, SubjectCategory

reference_migration = importlib.import_module("disclosure.migrations.0003_reference_data")


@pytest.fixture
def reference_data(db):
    """The genres and subject categories the data migration loads (a transactional test elsewhere may have flushed them)."""
    reference_migration.load(apps, None)
    return {
        "genres": {g.name: g for g in Genre.objects.all()},
        "subjects": {s.name: s for s in SubjectCategory.objects.order_by("-parent_id")},
    }


@pytest.fixture
def organisations(db):
    return {
        "gov": OrganisationFactory(name="示例市人民政府", short_name="市政府"),
        "cz": OrganisationFactory(name="示例市财政局", short_name="市财政局"),
        "jy": OrganisationFactory(name="示例市教育局", short_name="市教育局"),
    }


@pytest.fixture
def disclosure_index(home_page):
    return DisclosureIndexPageFactory(parent=home_page, title="政府信息公开", slug="xxgk")


@pytest.fixture
def catalogue(disclosure_index):
    return CatalogueIndexPageFactory(parent=disclosure_index, title="政府信息公开目录", slug="mulu")


@pytest.fixture
def interpretation_index(home_page):
    return InterpretationIndexPageFactory(parent=home_page, title="政策解读", slug="zcjd")


@pytest.fixture
def make_document(catalogue, organisations, reference_data):
    def make(parent=None, **fields):
        fields.setdefault("organisation", organisations["gov"])
        fields.setdefault("formed_on", datetime.date(2025, 3, 3))
        return PolicyDocumentPageFactory(parent=parent or catalogue, **fields)

    return make
