"""Factories of consultations and comments, shared by every app's tests."""

from datetime import timedelta

from django.utils import timezone

import factory
import wagtail_factories

from consultations.forms import body_hash
from consultations.models import Comment, ConsultationIndexPage, ConsultationPage, IdentityType
from core.contact import contact_key
from disclosure.factories import OrganisationFactory


def draft_articles(count=5):
    """A raw draft: a chapter heading and ``count`` articles."""
    blocks = [{"type": "chapter", "value": {"title": "第一章 总则"}}]
    blocks += [
        {"type": "article", "value": {"text": f"<p>本办法第{i}项规定的内容，适用于全市范围。</p>"}}
        for i in range(1, count + 1)
    ]
    return blocks


class ConsultationIndexPageFactory(wagtail_factories.PageFactory):
    title = "意见征集"
    slug = factory.Sequence(lambda n: f"consultations-{n}")
    show_in_menus = True

    class Meta:
        model = ConsultationIndexPage


class ConsultationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"示例市第{n}项管理办法（征求意见稿）")
    slug = factory.Sequence(lambda n: f"draft-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=5))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    draft = factory.LazyFunction(draft_articles)
    explanation = "<p>为规范有关工作，起草本办法。</p>"
    email = "yijian@example.gov.cn"

    class Meta:
        model = ConsultationPage


class CommentFactory(factory.django.DjangoModelFactory):
    consultation = factory.SubFactory(ConsultationPageFactory)
    identity_type = IdentityType.PERSON
    name = "张三"
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    email = ""
    body = factory.Sequence(lambda n: f"建议进一步明确第{n}项服务的标准和监督方式。")
    contact_key = factory.LazyAttribute(lambda o: contact_key(o.phone, o.email))
    body_hash = factory.LazyAttribute(lambda o: body_hash(o.body))

    class Meta:
        model = Comment
