"""Hostile values sent to every public GET and POST endpoint: never a server error.

Bounded (a fixed number of examples per endpoint, derandomised so that CI is
reproducible); on the suite's database, which CI runs on PostgreSQL.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultations.factories import CommentFactory, ConsultationIndexPageFactory, ConsultationPageFactory
from core import guards
from disclosure.factories import (
    CatalogueIndexPageFactory,
    DisclosureIndexPageFactory,
    OrganisationFactory,
    PolicyDocumentPageFactory,
)
from home.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

NASTY = [
    "!!!",
    "-",
    "《》",
    "〔〕",
    "''",
    "😀",
    "\u200b",
    "\ufeff",
    "\x00",
    "%00",
    "%",
    "_",
    "\\",
    "'; DROP TABLE x; --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "9" * 40,
    "-1",
    "0",
    "1e309",
    "NaN",
    "2024",
    "通知",
    "示政办发〔2024〕3号",
    "11420800MB1234567X/2024-00012",
    "a" * 3000,
    '=HYPERLINK("x")',
    "\t\r\n",
    "@",
    "a@" + "b" * 250 + ".cn",
    " ",
    "*:*",
    "AND OR NOT",
    '"',
    "(",
    ")",
    "&|!:*",
    "\u202e",
    "ｱ",
    "𠀀",
]
hostile = st.one_of(
    st.sampled_from(NASTY), st.text(max_size=200), st.text(alphabet="!'\"()&|:*-《》〔〕 \x00", max_size=30)
)
PARAMS = [
    "q",
    "type",
    "sort",
    "year",
    "page",
    "organisation",
    "subject",
    "validity",
    "genre",
    "rank",
    "number",
    "status",
    "article",
    "on",
    "next",
    "code",
    "contact",
]
query = st.dictionaries(st.sampled_from(PARAMS), hostile, max_size=5)
COMMENT_FIELDS = ["name", "identity_type", "phone", "email", "article", "body", "consent", "website"]
FUZZ = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def site(home_page, settings):
    settings.GONGKAI_SEARCH_RATE_LIMIT = 0
    settings.GONGKAI_COMMENT_RATE_LIMIT = 1_000_000
    settings.GONGKAI_LOOKUP_RATE_LIMIT = 1_000_000
    section = DisclosureIndexPageFactory(parent=home_page)
    catalogue = CatalogueIndexPageFactory(parent=section)
    organisation = OrganisationFactory(name="示例市模糊测试局")
    PolicyDocumentPageFactory(parent=catalogue, organisation=organisation, document_number="示政办发〔2024〕3号")
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news)
    consultations = ConsultationIndexPageFactory(parent=home_page)
    consultation = ConsultationPageFactory(parent=consultations, organisation=organisation)
    comment = CommentFactory(consultation=consultation)
    return {
        "get": [
            "/",
            "/search/",
            "/search/autocomplete/",
            "/robots.txt",
            "/sitemap.xml",
            "/elder-mode/",
            catalogue.url,
            catalogue.url + "feed/rss/",
            catalogue.url + "feed/atom/",
            catalogue.url + "export/csv/",
            news.url,
            consultations.url,
            consultation.url,
            consultation.url + "status/",
            consultation.url + f"receipt/{comment.tracking_code}/",
        ],
        "consultation": consultation,
    }


def assert_no_server_error(response, what):
    assert response.status_code < 500, (what, response.status_code)


@settings(FUZZ, max_examples=200)
@given(data=st.data())
def test_every_public_get_endpoint_survives_hostile_query_strings(client, site, data):
    path = data.draw(st.sampled_from(site["get"]))
    params = data.draw(query)
    assert_no_server_error(client.get(path, params), (path, params))


@FUZZ
@given(fields=st.dictionaries(st.sampled_from(COMMENT_FIELDS), hostile, max_size=8), fresh_token=st.booleans())
def test_the_comment_form_survives_hostile_posts(client, site, fields, fresh_token):
    data = {"identity_type": "person", "consent": "on", "body": "建议增加社区食堂。", "phone": "13912345678", **fields}
    data["started"] = guards.make_form_token(at=0 if fresh_token else 1)
    url = site["consultation"].url + "comment/"
    assert_no_server_error(client.post(url, data), data)


@FUZZ
@given(code=hostile, contact=hostile)
def test_the_status_lookup_survives_hostile_posts(client, site, code, contact):
    url = site["consultation"].url + "status/"
    assert_no_server_error(client.post(url, {"code": code, "contact": contact}), (code, contact))


@settings(FUZZ, max_examples=50)
@given(params=query)
def test_the_elder_mode_switch_survives_hostile_posts(client, site, params):
    assert_no_server_error(client.post("/elder-mode/", params), params)


@settings(FUZZ, max_examples=50)
@given(segment=hostile)
def test_unknown_paths_answer_without_a_server_error(client, site, segment):
    assert_no_server_error(client.get("/" + segment.replace("\x00", "") + "/"), segment)
