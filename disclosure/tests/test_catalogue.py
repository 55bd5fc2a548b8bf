"""The public catalogue: filters, sorting, pagination, feeds, CSV and noindex."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from disclosure.factories import CatalogueIndexPageFactory


def _at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 9))


@pytest.fixture
def documents(make_document, catalogue, organisations, reference_data):
    subjects, genres = reference_data["subjects"], reference_data["genres"]
    department = CatalogueIndexPageFactory(parent=catalogue, title="市财政局目录", organisation=organisations["cz"])
    return {
        "dibao": make_document(
            title="示例市最低生活保障办法",
            document_number="示政规〔2023〕4号",
            subject=subjects["社会救助"],
            genre=genres["办法"],
            rank="rule",
            formed_on=datetime.date(2023, 8, 21),
            published_at=_at(2023, 8, 28),
        ),
        "budget": make_document(
            parent=department,
            title="示例市市级预算管理办法",
            organisation=organisations["cz"],
            document_number="示财规[2025]2号",
            subject=subjects["财政"],
            genre=genres["办法"],
            rank="normative",
            validity="amended",
            formed_on=datetime.date(2025, 4, 14),
            published_at=_at(2025, 4, 18),
        ),
        "school": make_document(
            title="关于做好2025年义务教育招生工作的通知",
            organisation=organisations["jy"],
            document_number="示教发〔2025〕5号",
            subject=subjects["教育"],
            genre=genres["通知"],
            rank="other",
            formed_on=datetime.date(2025, 3, 30),
            published_at=_at(2025, 4, 2),
        ),
        "old": make_document(
            title="示例市临时救助办法",
            document_number="示民规〔2021〕4号",
            subject=subjects["社会救助"],
            genre=genres["办法"],
            rank="normative",
            validity="repealed",
            invalid_from=datetime.date(2024, 1, 1),
            formed_on=datetime.date(2021, 11, 15),
            published_at=_at(2021, 11, 25),
        ),
    }


def titles(response):
    table = BeautifulSoup(response.content.decode(), "html.parser").find("table", class_="catalogue-table")
    if table is None:
        return set()
    return {a.get_text() for a in table.select("tbody a")}


@pytest.mark.django_db
def test_lists_all_documents_including_department_sub_catalogues(client, catalogue, documents):
    response = client.get(catalogue.url)
    assert response.status_code == 200
    assert titles(response) == {d.title for d in documents.values()}
    assert "共 <strong>4</strong> 条" in response.content.decode()
    assert "X-Robots-Tag" not in response


@pytest.mark.django_db
def test_sub_catalogues_are_listed_and_each_counts_only_its_own_documents(client, catalogue, documents, make_document):
    finance = catalogue.get_children().type(CatalogueIndexPageFactory._meta.model).get().specific
    # A sibling with a path that sorts right after the finance sub-catalogue's, and an unpublished one.
    civil = CatalogueIndexPageFactory(parent=catalogue, title="市民政局目录")
    CatalogueIndexPageFactory(parent=catalogue, title="市审计局目录").unpublish()
    make_document(parent=civil, title="示例市临时救助办法", published_at=_at(2024, 2, 1))
    html = client.get(catalogue.url).content.decode()
    nav = BeautifulSoup(html, "html.parser").find("nav", class_="sub-catalogues")
    assert [a.get_text() for a in nav.select("a")] == ["市财政局目录", "市民政局目录"]
    assert "共 <strong>5</strong> 条" in html
    assert "共 <strong>1</strong> 条" in client.get(finance.url).content.decode()
    assert "共 <strong>1</strong> 条" in client.get(civil.url).content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"rank": "rule"}, {"dibao"}),
        ({"rank": "normative"}, {"budget", "old"}),
        ({"validity": "repealed"}, {"old"}),
        ({"validity": "valid"}, {"dibao", "school"}),
        ({"year": "2025"}, {"budget", "school"}),
        ({"number": "2025"}, {"budget", "school"}),
        # Brackets and full-width digits are matched alike.
        ({"number": "示财规〔２０２５〕"}, {"budget"}),
        ({"number": "[2023]4"}, {"dibao"}),
    ],
)
@pytest.mark.django_db
def test_each_filter_narrows_the_list(client, catalogue, documents, query, expected):
    response = client.get(catalogue.url, query)
    assert titles(response) == {documents[key].title for key in expected}


@pytest.mark.django_db
def test_reference_filters(client, catalogue, documents, organisations, reference_data):
    subjects, genres = reference_data["subjects"], reference_data["genres"]
    assert titles(client.get(catalogue.url, {"subject": subjects["社会救助"].pk})) == {
        documents["dibao"].title,
        documents["old"].title,
    }
    # A top-level category includes its sub-categories.
    top = subjects["社会救助"].parent
    assert len(titles(client.get(catalogue.url, {"subject": top.pk}))) == 2
    assert titles(client.get(catalogue.url, {"organisation": organisations["jy"].pk})) == {documents["school"].title}
    assert titles(client.get(catalogue.url, {"genre": genres["通知"].pk})) == {documents["school"].title}


@pytest.mark.django_db
def test_filters_combine_and_send_noindex(client, catalogue, documents, reference_data):
    response = client.get(catalogue.url, {"genre": reference_data["genres"]["办法"].pk, "year": "2025"})
    assert titles(response) == {documents["budget"].title}
    assert response["X-Robots-Tag"] == "noindex"
    single = client.get(catalogue.url, {"year": "2025"})
    assert "X-Robots-Tag" not in single


@pytest.mark.django_db
def test_bad_filter_values_are_reported_not_errors(client, catalogue, documents):
    response = client.get(catalogue.url, {"year": "abc", "rank": "nonsense"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert len(titles(response)) == 4


@pytest.mark.django_db
def test_sorting_by_formed_date(client, catalogue, documents):
    response = client.get(catalogue.url, {"sort": "formed"})
    table = BeautifulSoup(response.content.decode(), "html.parser").find("table", class_="catalogue-table")
    ordered = [a.get_text() for a in table.select("tbody a")]
    assert ordered[0] == documents["old"].title
    assert ordered[-1] == documents["budget"].title


@pytest.mark.django_db
def test_department_catalogue_lists_only_its_documents(client, documents):
    department = documents["budget"].get_parent()
    assert titles(client.get(department.url)) == {documents["budget"].title}


@pytest.mark.django_db
def test_pagination_has_an_aria_label_and_keeps_filters(client, catalogue, make_document):
    for n in range(25):
        make_document(title=f"第{n}号通知", rank="other")
    response = client.get(catalogue.url, {"rank": "other"})
    nav = BeautifulSoup(response.content.decode(), "html.parser").find("nav", class_="pagination")
    assert nav["aria-label"] == "分页"
    next_link = nav.find("a", rel="next")["href"]
    assert "rank=other" in next_link and "page=2" in next_link
    assert len(titles(client.get(catalogue.url + next_link))) == 5


@pytest.mark.django_db
def test_csv_export_of_the_filtered_list(client, catalogue, documents):
    response = client.get(catalogue.url + "export/csv/", {"rank": "normative"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["索引号", "名称", "文号"]
    assert {row[1] for row in rows[1:]} == {documents["budget"].title, documents["old"].title}
    budget = next(row for row in rows if row[1] == documents["budget"].title)
    assert budget[0] == documents["budget"].index_number
    assert budget[2] == "示财规[2025]2号"
    assert budget[7] == "已修改"
    assert budget[-1].endswith(documents["budget"].url)


@pytest.mark.django_db
def test_rss_and_atom_feeds_of_the_filtered_list(client, catalogue, documents):
    rss = client.get(catalogue.url + "feed/rss/", {"validity": "valid"})
    assert rss.status_code == 200
    root = ET.fromstring(rss.content)  # noqa: S314 - our own response
    items = root.findall("./channel/item")
    assert {item.findtext("title") for item in items} == {documents["dibao"].title, documents["school"].title}
    dibao = next(item for item in items if item.findtext("title") == documents["dibao"].title)
    assert documents["dibao"].index_number in dibao.findtext("description")
    assert dibao.findtext("link").endswith(documents["dibao"].url)

    atom = client.get(catalogue.url + "feed/atom/")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = ET.fromstring(atom.content).findall("a:entry", ns)  # noqa: S314 - our own response
    assert len(entries) == 4


@pytest.mark.django_db
def test_disclosure_index_shows_latest_documents(client, catalogue, documents):
    response = client.get(catalogue.get_parent().url)
    html = response.content.decode()
    assert "最新公开文件" in html
    assert documents["budget"].title in html
    assert catalogue.url in html
