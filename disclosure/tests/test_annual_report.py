"""Annual reports: tables edited through the real admin form, validation, carry-over warning, layout."""

import datetime

from wagtail.test.utils.form_data import rich_text

import pytest
from bs4 import BeautifulSoup

from disclosure import annual_tables
from disclosure.demo import report_tables
from disclosure.factories import AnnualReportIndexPageFactory, AnnualReportPageFactory
from disclosure.models import AnnualReportPage


@pytest.fixture
def reports_index(disclosure_index):
    return AnnualReportIndexPageFactory(parent=disclosure_index)


def consistent_tables(organisation, year=2024):
    return (
        report_tables(year, organisation, None)
        if year == 2024
        else report_tables(2025, organisation, report_tables(2024, organisation))
    )


def form_data(organisation, year, tables, **overrides):
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
    }
    data.update({name: str(value) for name, value in tables.items()})
    data.update(overrides)
    return data


def add_url(parent):
    return f"/admin/pages/add/disclosure/annualreportpage/{parent.pk}/"


@pytest.mark.django_db
def test_consistent_report_is_saved_with_its_numbers(admin_client, reports_index, organisations):
    org = organisations["gov"]
    tables = consistent_tables(org)
    response = admin_client.post(add_url(reports_index), form_data(org, 2024, tables))
    assert response.status_code == 302
    report = AnnualReportPage.objects.get(organisation=org, year=2024)
    assert report.tables["t3_new_0"] == tables["t3_new_0"]
    assert report.tables["t3_total_6"] == tables["t3_total_6"]


@pytest.mark.django_db
def test_totals_that_do_not_add_up_are_refused(admin_client, reports_index, organisations):
    org = organisations["gov"]
    tables = consistent_tables(org)
    tables["t3_disclosed_0"] += 1  # 予以公开 without changing the totals
    tables["t4_0_4"] += 2
    response = admin_client.post(add_url(reports_index), form_data(org, 2024, tables))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "t3_disclosed_6" in errors  # the row total
    assert "t3_total_0" in errors  # the column total of the results
    assert "t4_0_4" in errors
    assert not AnnualReportPage.objects.exists()
    html = response.content.decode()
    assert "总计应为" in html


@pytest.mark.django_db
def test_carry_over_mismatch_is_a_warning_not_an_error(admin_client, reports_index, organisations):
    org = organisations["gov"]
    first = consistent_tables(org, 2024)
    AnnualReportPageFactory(parent=reports_index, organisation=org, year=2024, tables=first)
    second = consistent_tables(org, 2025)
    # 上年结转 (natural persons) one more than last year's 结转下年度, totals kept consistent.
    second["t3_carried_0"] += 1
    second["t3_carried_6"] += 1
    second["t3_carry_forward_0"] += 1
    second["t3_carry_forward_6"] += 1
    response = admin_client.post(add_url(reports_index), form_data(org, 2025, second), follow=True)
    assert response.status_code == 200
    assert AnnualReportPage.objects.filter(year=2025).exists()
    messages = [str(m) for m in response.context["messages"]]
    assert any("上年结转" in m and "不一致" in m for m in messages)


@pytest.mark.django_db
def test_table2_counts_come_from_the_catalogue_unless_overridden(
    admin_client, reports_index, organisations, make_document
):
    org = organisations["gov"]
    make_document(organisation=org, rank="rule", formed_on=datetime.date(2024, 5, 6))
    make_document(organisation=org, rank="normative", formed_on=datetime.date(2024, 7, 1))
    make_document(
        organisation=org,
        rank="normative",
        formed_on=datetime.date(2020, 1, 6),
        validity="repealed",
        invalid_from=datetime.date(2024, 3, 1),
    )
    tables = consistent_tables(org)
    tables["t2_rule_issued"] = 9  # ignored: not overridden
    response = admin_client.post(add_url(reports_index), form_data(org, 2024, tables))
    assert response.status_code == 302
    report = AnnualReportPage.objects.get(year=2024)
    assert report.tables["t2_rule_issued"] == 1
    assert report.tables["t2_normative_issued"] == 1
    assert report.tables["t2_normative_repealed"] == 1
    assert report.tables["t2_normative_valid"] == 1

    edit = f"/admin/pages/{report.pk}/edit/"
    data = form_data(org, 2024, tables, table2_override="on")
    response = admin_client.post(edit, data)
    assert response.status_code == 200
    assert "table2_override_reason" in response.context["form"].errors
    data["table2_override_reason"] = "两件规章由市司法局统计口径调整"
    response = admin_client.post(edit, data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.get_latest_revision_as_object().tables["t2_rule_issued"] == 9


@pytest.mark.django_db
def test_edit_form_has_one_input_per_cell(admin_client, reports_index, organisations):
    report = AnnualReportPageFactory(parent=reports_index, organisation=organisations["gov"], year=2024)
    html = admin_client.get(f"/admin/pages/{report.pk}/edit/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    for name in annual_tables.INTEGER_CELLS:
        assert soup.find("input", attrs={"name": name}) is not None, name


@pytest.mark.django_db
def test_public_report_uses_the_national_layout(client, reports_index, organisations):
    org = organisations["gov"]
    report = AnnualReportPageFactory(parent=reports_index, organisation=org, year=2024, tables=consistent_tables(org))
    soup = BeautifulSoup(client.get(report.url).content.decode(), "html.parser")
    headings = [h.get_text() for h in soup.find_all("h2")]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    table3 = soup.find_all("table", class_="report-table")[1]
    body_rows = table3.find("tbody").find_all("tr")
    assert len(body_rows) == len(annual_tables.T3_ROWS)
    assert all(len(row.find_all("td")) == 7 for row in body_rows)
    assert table3.find("th", string="三、本年度办理结果")["rowspan"] == "22"
    assert table3.find("th", string="（三）不予公开")["rowspan"] == "8"
    first = body_rows[0]
    assert first.find("th").get_text() == "一、本年新收政府信息公开申请数量"
    assert first.find_all("td")[-1].get_text() == str(report.tables["t3_new_6"])
    table4 = soup.find_all("table", class_="report-table")[2]
    assert len(table4.find("tbody").find_all("td")) == 15


@pytest.mark.django_db
def test_one_report_per_organisation_and_year(admin_client, reports_index, organisations):
    org = organisations["gov"]
    AnnualReportPageFactory(parent=reports_index, organisation=org, year=2024, tables=consistent_tables(org))
    response = admin_client.post(add_url(reports_index), form_data(org, 2024, consistent_tables(org), slug="again"))
    assert response.status_code == 200
    assert "year" in response.context["form"].errors
