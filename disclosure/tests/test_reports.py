"""Admin reports on publication and interpretation time limits."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from disclosure.factories import InterpretationPageFactory, OrganisationFactory
from disclosure.models import SubjectCategory


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


@pytest.mark.django_db
def test_late_documents_report(admin_client, make_document, settings):
    settings.GONGKAI_PROACTIVE_DISCLOSURE_DAYS = 20
    late = make_document(
        title="超期文件", formed_on=datetime.date(2025, 3, 3), published_at=_at(datetime.date(2025, 4, 15))
    )
    on_time = make_document(
        title="按期文件", formed_on=datetime.date(2025, 3, 3), published_at=_at(datetime.date(2025, 3, 10))
    )
    response = admin_client.get(reverse("disclosure_admin:late_documents"))
    assert response.status_code == 200
    html = response.content.decode()
    assert late.title in html
    assert on_time.title not in html
    settings.GONGKAI_PROACTIVE_DISCLOSURE_DAYS = 40
    assert late.title not in admin_client.get(reverse("disclosure_admin:late_documents")).content.decode()


@pytest.mark.django_db
def test_uninterpreted_policies_and_late_interpretations(admin_client, make_document, interpretation_index):
    rule = make_document(title="没有解读的规章", rank="rule", published_at=_at(datetime.date(2025, 9, 1)))
    interpreted = make_document(
        title="有解读的规范性文件", rank="normative", published_at=_at(datetime.date(2025, 9, 1))
    )
    other = make_document(title="其他文件不需解读", rank="other")
    InterpretationPageFactory(
        parent=interpretation_index,
        title="迟到的解读",
        policies=[interpreted],
        published_at=_at(datetime.date(2025, 9, 8)),  # 5 working days later
    )
    html = admin_client.get(reverse("disclosure_admin:uninterpreted")).content.decode()
    assert rule.title in html
    assert interpreted.title not in html
    assert other.title not in html
    late = admin_client.get(reverse("disclosure_admin:late_interpretations")).content.decode()
    assert "迟到的解读" in late


@pytest.mark.django_db
def test_reports_are_in_the_reports_menu_and_export(admin_client, make_document):
    make_document(title="超期文件", formed_on=datetime.date(2025, 3, 3), published_at=_at(datetime.date(2025, 4, 15)))
    html = admin_client.get("/admin/").content.decode()
    assert reverse("disclosure_admin:late_documents") in html
    export = admin_client.get(reverse("disclosure_admin:late_documents") + "?export=csv")
    assert export.status_code == 200
    body = b"".join(export.streaming_content) if export.streaming else export.content
    assert "超期文件" in body.decode("utf-8-sig")


@pytest.mark.django_db
def test_reference_snippets_are_editable_in_the_admin(admin_client, reference_data):
    response = admin_client.get("/admin/snippets/disclosure/genre/")
    assert response.status_code == 200
    assert "纪要" in response.content.decode()
    response = admin_client.post(
        "/admin/snippets/disclosure/organisation/add/",
        {
            "name": "示例市审计局",
            "short_name": "市审计局",
            "unit_code": "BAD",
            "index_number_pattern": "{unit_code}/{year}-{serial:05d}",
            "sort_order": 100,
        },
    )
    assert response.status_code == 200
    assert "统一社会信用代码应为18位" in response.content.decode()


@pytest.mark.django_db
def test_organisation_listing_search_finds_by_name_short_name_and_code(admin_client):
    finance = OrganisationFactory(name="示例市财政局", short_name="市财政局")
    OrganisationFactory(name="示例市民政局", short_name="市民政局")
    listing = "/admin/snippets/disclosure/organisation/"
    for typed in ("财政局", "市财政", finance.unit_code, finance.unit_code.lower()):
        response = admin_client.get(listing, {"q": typed})
        assert response.status_code == 200, typed
        html = response.content.decode()
        assert "示例市财政局" in html and "示例市民政局" not in html, typed


def test_reference_data_migration_loads_genres_and_subjects(reference_data):
    genres = reference_data["genres"]
    assert {
        "决议",
        "决定",
        "命令",
        "公报",
        "公告",
        "通告",
        "意见",
        "通知",
        "通报",
        "报告",
        "请示",
        "批复",
        "议案",
        "函",
        "纪要",
        "办法",
        "规定",
        "细则",
    } <= set(genres)

    assert SubjectCategory.objects.filter(parent=None).count() >= 15
    assert SubjectCategory.objects.exclude(parent=None).exists()
