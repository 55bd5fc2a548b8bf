from datetime import timedelta

from django.utils import timezone

import pytest

from consultations.factories import CommentFactory, ConsultationIndexPageFactory, ConsultationPageFactory
from core import guards
from disclosure.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.GONGKAI_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path


@pytest.fixture
def wagtail_root(transactional_db):
    """Transactional tests that ran earlier flush the tree that Wagtail's migrations created."""
    from django.conf import settings

    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="示例市民政局", short_name="市民政局")


@pytest.fixture
def consultation_index(home_page):
    return ConsultationIndexPageFactory(parent=home_page, slug="yijian")


@pytest.fixture
def open_consultation(consultation_index, organisation):
    return ConsultationPageFactory(
        parent=consultation_index,
        slug="open-draft",
        title="示例市社区养老服务办法（征求意见稿）",
        organisation=organisation,
    )


@pytest.fixture
def closed_consultation(consultation_index, organisation):
    now = timezone.now()
    return ConsultationPageFactory(
        parent=consultation_index,
        slug="closed-draft",
        title="示例市临时救助办法（征求意见稿）",
        organisation=organisation,
        starts_at=now - timedelta(days=40),
        ends_at=now - timedelta(days=6),
    )


def valid_comment(**overrides):
    """POST data of a comment that passes every check (its form was opened a minute ago)."""
    data = {
        "name": "李四",
        "identity_type": "person",
        "phone": "13912345678",
        "email": "",
        "article": "article-3",
        "body": "建议明确第三条中服务补贴的申请渠道和办理时限。",
        "consent": "on",
        "website": "",
        "started": guards.make_form_token(at=timezone.now().timestamp() - 60),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def comment_url(page):
    return page.url + "comment/"


@pytest.fixture
def comment(open_consultation):
    """A comment with every contact detail, on article three of the open consultation."""
    return CommentFactory(
        consultation=open_consultation,
        name="王五",
        phone="13955556666",
        email="wangwu@example.com",
        article_label="第三条",
        body="建议明确第三条中服务补贴的申请渠道。",
    )
