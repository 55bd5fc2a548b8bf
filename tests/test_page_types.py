"""Cross-cutting rules every page type of the project must follow."""

import importlib
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from consultations.models import ConsultationIndexPage, ConsultationPage
from home.models import HomePage

PROJECT_APPS = [
    config.label for config in apps.get_app_configs() if Path(config.path).parent == Path(settings.BASE_DIR)
]


def project_page_types():
    return [
        model
        for app_label in PROJECT_APPS
        for model in apps.get_app_config(app_label).get_models()
        if issubclass(model, Page) and not model._meta.abstract
    ]


def factories_by_model():
    """Each model with a factory -> how many factory classes the apps' ``factories`` modules define for it."""
    counts = Counter()
    for app_label in PROJECT_APPS:
        try:
            module = importlib.import_module(f"{app_label}.factories")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            meta = getattr(value, "_meta", None)
            model = getattr(meta, "model", None)
            if isinstance(value, type) and model is not None and value.__module__ == module.__name__:
                counts[model] += 1
    return counts


def test_every_page_type_has_a_factory():
    assert "disclosure" in PROJECT_APPS
    missing = [model.__name__ for model in project_page_types() if model not in factories_by_model()]
    assert missing == []


def test_no_model_has_two_factories():
    twice = [model.__name__ for model, count in factories_by_model().items() if count > 1]
    assert twice == []


def test_every_page_type_says_where_it_may_live():
    undeclared = [model.__name__ for model in project_page_types() if "parent_page_types" not in vars(model)]
    assert undeclared == []


def test_leaf_pages_allow_no_children():
    leaves = ["NewsPage", "ContentPage", "PolicyDocumentPage", "InterpretationPage", "ConsultationPage"]
    by_name = {model.__name__: model for model in project_page_types()}
    assert {name: by_name[name].subpage_types for name in leaves} == dict.fromkeys(leaves, [])


class TestConsultationPlacement(WagtailPageTestCase):
    def test_consultations_live_in_their_column(self):

        self.assertAllowedParentPageTypes(ConsultationPage, {ConsultationIndexPage})
        self.assertCanCreateAt(ConsultationIndexPage, ConsultationPage)
        self.assertCanCreateAt(HomePage, ConsultationIndexPage)
        self.assertCanNotCreateAt(HomePage, ConsultationPage)
