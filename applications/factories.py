"""Factories of applications and what happens to them, shared by every app's tests and the demo."""

from datetime import date

import factory

from applications.models import (
    Appeal,
    AppealKind,
    ApplicantType,
    Application,
    Channel,
    IdType,
    OrganisationKind,
    ThirdPartyConsultation,
)
from core.identifiers import sample_id_card_number, unified_social_credit_code
from disclosure.factories import OrganisationFactory


def make_credit_code(n):
    return unified_social_credit_code("91420100MA4K", n % 100000)


class ApplicationFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory)
    channel = Channel.ONLINE
    received_on = date(2026, 3, 2)
    applicant_type = ApplicantType.PERSON
    name = factory.Sequence(lambda n: f"申请人{n}")
    id_type = IdType.RESIDENT_ID
    id_number = factory.Sequence(sample_id_card_number)
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    email = factory.Sequence(lambda n: f"applicant{n}@example.com")
    address = "示例市中山路1号"
    info_title = factory.Sequence(lambda n: f"2025年度城市道路维修项目资金使用情况（{n}）")
    info_description = "希望获取项目清单及资金拨付明细。"

    class Meta:
        model = Application

    class Params:
        company = factory.Trait(
            applicant_type=ApplicantType.ORGANISATION,
            organisation_kind=OrganisationKind.COMMERCIAL,
            id_type="",
            id_number="",
            credit_code=factory.Sequence(make_credit_code),
            legal_representative="王建国",
            contact_person="李明",
        )


class ThirdPartyConsultationFactory(factory.django.DjangoModelFactory):
    application = factory.SubFactory(ApplicationFactory)
    party = "示例建设工程有限公司"
    sent_on = date(2026, 3, 10)

    class Meta:
        model = ThirdPartyConsultation


class AppealFactory(factory.django.DjangoModelFactory):
    application = factory.SubFactory(ApplicationFactory)
    kind = AppealKind.REVIEW
    filed_on = date(2026, 5, 1)

    class Meta:
        model = Appeal


__all__ = ["AppealFactory", "ApplicationFactory", "OrganisationFactory", "ThirdPartyConsultationFactory"]
