"""Spreadsheet exports never hand a formula to Excel: = + - @ tab CR LF at the start of a cell are neutralised."""

import csv
import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from consultations.factories import CommentFactory, ConsultationIndexPageFactory, ConsultationPageFactory
from consultations.models import Comment
from core.spreadsheets import safe_cell as spreadsheet_safe
from disclosure.factories import CatalogueIndexPageFactory, DisclosureIndexPageFactory, PolicyDocumentPageFactory

TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "\n"]


@pytest.mark.parametrize("start", TRIGGERS)
def test_every_formula_trigger_gets_an_apostrophe(start):
    assert spreadsheet_safe(f'{start}HYPERLINK("http://x")') == f'\'{start}HYPERLINK("http://x")'


def test_ordinary_text_is_left_alone():
    assert spreadsheet_safe("示政办发〔2024〕3号") == "示政办发〔2024〕3号"
    assert spreadsheet_safe(None) == ""


@pytest.mark.django_db
def test_the_catalogue_csv_neutralises_a_title_starting_with_a_tab(client, home_page):
    catalogue = CatalogueIndexPageFactory(parent=DisclosureIndexPageFactory(parent=home_page))
    PolicyDocumentPageFactory(parent=catalogue, title="\t=cmd|' /C calc'!A0")
    response = client.get(catalogue.url + "export/csv/")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1] == "'\t=cmd|' /C calc'!A0"


@pytest.mark.django_db
@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_the_comment_export_neutralises_formulas(admin_client, home_page, export):
    consultation = ConsultationPageFactory(parent=ConsultationIndexPageFactory(parent=home_page))
    CommentFactory(consultation=consultation, body="\r=1+1", name="@SUM(A1)")
    url = reverse(Comment.snippet_viewset.get_url_name("list"))
    response = admin_client.get(url, {"export": export})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export == "csv":
        cells = [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'\r=1+1" in cells
    assert "'@SUM(A1)" in cells
