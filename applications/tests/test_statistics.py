"""Annual-report Tables 3 and 4 computed from the register, for a year with carry-overs in and out."""

from datetime import date

from wagtail.test.utils.form_data import rich_text

import pytest

from applications.factories import AppealFactory, ApplicationFactory
from applications.models import State
from applications.statistics import table3_cells, table4_cells
from disclosure import annual_tables
from disclosure.factories import AnnualReportIndexPageFactory, DisclosureIndexPageFactory
from disclosure.models import AnnualReportPage

pytestmark = pytest.mark.django_db


def replied(organisation, received, answered, outcome, **kwargs):
    return ApplicationFactory(
        organisation=organisation,
        received_on=received,
        replied_on=answered,
        state=State.REPLIED,
        outcome=outcome,
        reply_text="答复内容。",
        **kwargs,
    )


@pytest.fixture
def register(organisation):
    # Answered in 2025: not in 2026's table at all.
    replied(organisation, date(2025, 11, 20), date(2025, 12, 10), "disclosed")
    # Received late in 2025, answered in 2026: carried over into 2026.
    replied(organisation, date(2025, 12, 20), date(2026, 1, 15), "withheld4")
    replied(organisation, date(2025, 12, 28), date(2026, 2, 1), "partial", company=True)
    # Received and answered in 2026.
    replied(
        organisation, date(2026, 3, 1), date(2026, 3, 20), "unable1", company=True, organisation_kind="legal_service"
    )
    replied(organisation, date(2026, 5, 1), date(2026, 6, 10), "other1", company=True, organisation_kind="research",
            correction_requested_on=date(2026, 5, 6))  # fmt: skip
    # Received in 2026, still open at the end of the year: carried forward.
    ApplicationFactory(organisation=organisation, received_on=date(2026, 12, 20))
    return organisation


def test_table3_for_a_year_with_carry_overs_in_and_out(register):
    cells = table3_cells(register, 2026)
    nonzero = {name: value for name, value in cells.items() if value}
    # Columns: 0 自然人, 1 商业企业, 2 科研机构, 3 社会公益组织, 4 法律服务机构, 5 其他, 6 总计.
    assert nonzero == {
        "t3_new_0": 1, "t3_new_2": 1, "t3_new_4": 1, "t3_new_6": 3,
        "t3_carried_0": 1, "t3_carried_1": 1, "t3_carried_6": 2,
        "t3_withheld4_0": 1, "t3_withheld4_6": 1,
        "t3_partial_1": 1, "t3_partial_6": 1,
        "t3_unable1_4": 1, "t3_unable1_6": 1,
        "t3_other1_2": 1, "t3_other1_6": 1,
        "t3_total_0": 1, "t3_total_1": 1, "t3_total_2": 1, "t3_total_4": 1, "t3_total_6": 4,
        "t3_carry_forward_0": 1, "t3_carry_forward_6": 1,
    }  # fmt: skip
    assert annual_tables.validate_tables(cells) == {}


def test_this_years_carried_equals_last_years_carry_forward(register):
    last_year = table3_cells(register, 2025)
    this_year = table3_cells(register, 2026)
    assert last_year["t3_carry_forward_6"] == 2
    assert annual_tables.carried_over_mismatch(this_year, last_year) == []
    assert annual_tables.validate_tables(last_year) == {}


def test_table4_counts_reviews_and_lawsuits_by_result(organisation):
    AppealFactory(application__organisation=organisation, kind="review", result="upheld", filed_on=date(2026, 4, 1),
                  decided_on=date(2026, 6, 1))  # fmt: skip
    AppealFactory(application__organisation=organisation, kind="review", filed_on=date(2026, 9, 1))
    AppealFactory(application__organisation=organisation, kind="lawsuit", result="corrected",
                  filed_on=date(2026, 5, 1), decided_on=date(2026, 10, 1))  # fmt: skip
    AppealFactory(application__organisation=organisation, kind="lawsuit", filed_on=date(2025, 5, 1))
    cells = table4_cells(organisation, 2026)
    assert {k: v for k, v in cells.items() if v} == {
        "t4_0_0": 1, "t4_0_3": 1, "t4_0_4": 2, "t4_1_1": 1, "t4_1_4": 1,
    }  # fmt: skip
    assert annual_tables.validate_tables(cells) == {}


def report_form(organisation, year, **overrides):
    data = {
        "title": f"{year}年政府信息公开工作年度报告",
        "slug": f"report-{year}",
        "organisation": str(organisation.pk),
        "year": str(year),
        "overview": rich_text("总体情况。"),
        "proactive_note": rich_text(""),
        "applications_note": rich_text(""),
        "appeals_note": rich_text(""),
        "problems": rich_text("问题。"),
        "other_matters": rich_text("无。"),
        "table2_override_reason": "",
        "records_override_reason": "",
    }
    data.update(dict.fromkeys(annual_tables.INTEGER_CELLS, "0"))
    data.update(overrides)
    return data


def test_the_annual_report_page_gets_table3_from_the_register(admin_client, home_page, register):
    reports = AnnualReportIndexPageFactory(parent=DisclosureIndexPageFactory(parent=home_page))
    url = f"/admin/pages/add/disclosure/annualreportpage/{reports.pk}/"
    form = admin_client.get(url.replace("add/", "add/") + "").status_code
    assert form == 200
    # Typed zeros are replaced by the register's numbers when nothing is overridden.
    response = admin_client.post(url, report_form(register, 2026))
    assert response.status_code == 302
    report = AnnualReportPage.objects.get()
    assert report.tables["t3_new_6"] == 3
    assert report.tables["t3_carry_forward_0"] == 1
    assert report.tables["records_override"] is False


def test_typing_over_table3_needs_a_reason(admin_client, home_page, register):
    reports = AnnualReportIndexPageFactory(parent=DisclosureIndexPageFactory(parent=home_page))
    url = f"/admin/pages/add/disclosure/annualreportpage/{reports.pk}/"
    refused = admin_client.post(url, report_form(register, 2026, records_override="on"))
    assert refused.status_code == 200
    assert "手工修改表三、表四数字时，请说明原因。" in refused.content.decode()
    assert not AnnualReportPage.objects.exists()
    accepted = admin_client.post(
        url, report_form(register, 2026, records_override="on", records_override_reason="登记簿启用前的申请未录入")
    )
    assert accepted.status_code == 302
    report = AnnualReportPage.objects.get()
    assert report.tables["t3_new_6"] == 0
    assert report.tables["records_override_reason"] == "登记簿启用前的申请未录入"
