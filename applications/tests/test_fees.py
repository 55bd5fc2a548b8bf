"""信息处理费 only as 国办函〔2020〕109号 allows: ceilings by item and by volume, checked on every answer."""

from datetime import date
from decimal import Decimal

import pytest

from applications.factories import ApplicationFactory
from applications.fees import per_item_ceiling, per_volume_ceiling
from applications.forms import DraftForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("nth", "ceiling"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (55, 400)]
)
def test_per_item_ceiling_by_the_applicants_count_in_the_month(nth, ceiling):
    assert per_item_ceiling(nth) == Decimal(ceiling)


@pytest.mark.parametrize(
    ("pages", "ceiling"),
    # 31-100 at 10 yuan, 101-200 at 20, from 201 at 40 (worked by hand: 70×10 + 100×20 + 50×40 = 4,700).
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_per_volume_ceiling_by_pages(pages, ceiling):
    assert per_volume_ceiling(pages) == Decimal(ceiling)


def answered(application, **fee):
    application.outcome = "disclosed"
    application.reply_text = "经查，现将所申请的信息随本答复书提供。"
    application.provided_how = "随答复书附送。"
    for name, value in fee.items():
        setattr(application, name, value)
    return application.outcome_errors()


def test_an_applicants_first_ten_applications_in_a_month_are_free():
    first = ApplicationFactory(received_on=date(2026, 3, 2))
    for day in range(3, 12):
        ApplicationFactory(received_on=date(2026, 3, day), id_number=first.id_number)
    tenth = first.__class__.objects.filter(id_number=first.id_number).order_by("-received_on").first()
    assert tenth.nth_this_month() == 10
    errors = answered(tenth, fee_method="per_item", fee_amount=Decimal(100))
    assert "本件是该申请人本月第10件" in errors["fee_method"]

    # The 11th of the month may cost 100 yuan, not more; one of another month counts apart.
    eleventh = ApplicationFactory(received_on=date(2026, 3, 20), id_number=first.id_number)
    ApplicationFactory(received_on=date(2026, 4, 1), id_number=first.id_number)
    assert eleventh.nth_this_month() == 11
    assert answered(eleventh, fee_method="per_item", fee_amount=Decimal(100)) == {}
    assert answered(eleventh, fee_method="per_item", fee_amount=Decimal(50)) == {}  # 减免 is allowed
    assert "最多收取100元" in answered(eleventh, fee_method="per_item", fee_amount=Decimal(150))["fee_amount"]


def test_a_company_counts_by_its_credit_code():
    first = ApplicationFactory(company=True, received_on=date(2026, 5, 6))
    for _ in range(11):
        ApplicationFactory(company=True, received_on=date(2026, 5, 6), credit_code=first.credit_code)
    assert (
        ApplicationFactory(company=True, received_on=date(2026, 5, 7), credit_code=first.credit_code).nth_this_month()
        == 13
    )


def test_per_volume_needs_the_pages_and_stays_under_the_ceiling():
    application = ApplicationFactory()
    assert "页数" in answered(application, fee_method="per_volume", fee_amount=Decimal(10))["fee_pages"]
    assert (
        "30页以下" in answered(application, fee_method="per_volume", fee_amount=Decimal(10), fee_pages=30)["fee_method"]
    )
    assert answered(application, fee_method="per_volume", fee_amount=Decimal(700), fee_pages=100) == {}
    assert (
        "最多收取700元"
        in answered(application, fee_method="per_volume", fee_amount=Decimal(701), fee_pages=100)["fee_amount"]
    )


def test_no_fee_means_no_amount():
    assert "应为0" in answered(ApplicationFactory(), fee_method="", fee_amount=Decimal(20))["fee_amount"]
    assert answered(ApplicationFactory(), fee_method="", fee_amount=Decimal(0)) == {}


def test_the_draft_form_refuses_a_fee_the_rules_do_not_allow(client, organisation):
    application = ApplicationFactory(organisation=organisation)
    form = DraftForm(
        data={
            "outcome": "disclosed",
            "reply_text": "见附件。",
            "provided_how": "随答复书附送。",
            "fee_method": "per_item",
            "fee_amount": "100",
        },
        instance=application,
    )
    assert not form.is_valid(), form.errors
    assert "不收费" in form.errors["fee_method"][0]
