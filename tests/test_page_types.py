"""Cross-cutting rules every page type of the project must follow."""

import importlib

from django.apps import apps

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from consultations.models import ConsultationIndexPage, ConsultationPage
from home.models import HomePage

PROJECT_APPS = ["home", "disclosure", "consultations", "review", "search"]


def project_page_types():
    return [
        model
        for app_label in PROJECT_APPS
        for model in apps.get_app_config(app_label).get_models()
        if issubclass(model, Page) and not model._meta.abstract
    ]


def factory_models():
    models = set()
    for app_label in PROJECT_APPS:
        try:
            module = importlib.import_module(f"{app_label}.factories")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            meta = getattr(value, "_meta", None)
            model = getattr(meta, "model", None)
            if isinstance(value, type) and model is not None:
                models.add(model)
    return models


def test_every_page_type_has_a_factory():
    missing = [model.__name__ for model in project_page_types() if model not in factory_models()]
    assert missing == []


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
