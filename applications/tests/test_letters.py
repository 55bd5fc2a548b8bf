"""Every letter is a PDF whose text carries the serial number, the legal basis and, for an answer, the remedies."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from applications import handling
from applications.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def pdf_text(letter):
    with letter.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "".join(page.extract_text() for page in reader.pages).replace("\n", "")


@pytest.fixture
def application(organisation, admin_user):
    return handling.register(
        ApplicationFactory.build(
            organisation=organisation, received_on=date(2026, 6, 1), info_title="2025年部门预算执行情况"
        )
    )


def test_correction_notice(application, admin_user):
    letter = handling.request_correction(application, admin_user, "请写明所需预算的具体科目。", on=date(2026, 6, 3))
    text = pdf_text(letter)
    assert letter.serial == "市财政局依申补〔2026〕1号"
    assert letter.serial in text
    assert "政府信息公开条例》第三十条" in text
    assert "请写明所需预算的具体科目。" in text
    assert application.number in text
    # 15 working days after Wed 6/3: 6/4-5 = 2, 6/8-12 = 7, 6/15-18 = 11 (端午 6/19), 6/22-25 = 15.
    assert "2026年6月25日" in text


def test_extension_notice(application, admin_user):
    handling.assign(application, admin_user, application.organisation)
    handling.request_extension(application, admin_user, 20, "所需信息涉及多个年度的档案")
    letter = handling.approve_extension(application, admin_user, on=date(2026, 6, 25))
    text = pdf_text(letter)
    assert letter.serial in text
    assert "第三十三条第二款" in text
    assert "所需信息涉及多个年度的档案" in text
    assert "2026年7月28日" in text


def test_answer_letter_has_legal_basis_and_remedies(application, admin_user):
    handling.assign(application, admin_user, application.organisation)
    handling.submit_draft(
        application,
        admin_user,
        outcome="withheld6",
        reply_text="你所申请的信息为内部讨论记录。",
        legal_basis="《中华人民共和国政府信息公开条例》第十六条第二款",
    )
    letter = handling.approve_reply(application, admin_user, on=date(2026, 6, 20))
    text = pdf_text(letter)
    assert letter.serial == "市财政局依申答〔2026〕1号"
    assert letter.serial in text
    assert "第三十三条、第十六条第二款" in text
    assert "属于四类过程性信息" in text
    assert "60日内" in text and "行政复议" in text
    assert "6个月内" in text and "行政诉讼" in text
    assert "示例市财政局" in text
