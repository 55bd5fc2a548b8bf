"""Moderation in the admin: decisions, permissions on contact details, filters, bulk actions, export."""

import io

from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction
from django.urls import reverse

from wagtail.models import GroupPagePermission, ModelLogEntry
from wagtail.test.utils.form_data import nested_form_data

import pytest
from openpyxl import load_workbook

from consultations.factories import CommentFactory
from consultations.models import Comment, Decision
from consultations.tests.conftest import comment_url, valid_comment
from consultations.tests.test_submission import PDF_BYTES, _upload

pytestmark = pytest.mark.django_db


def edit_url(comment):
    return reverse("wagtailsnippets_consultations_comment:edit", args=[comment.pk])


LIST_URL = "wagtailsnippets_consultations_comment:list"


def decision_data(**overrides):
    data = {"is_flagged": "", "decision": "", "decision_reason": "", "reply": "", "is_public": ""}
    data.update(overrides)
    return nested_form_data({key: value for key, value in data.items() if value != ""})


@pytest.fixture
def moderator(django_user_model, open_consultation):
    """A department reviewer who may handle comments but not see who sent them."""
    group = Group.objects.create(name="民政局审核人")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_comment", content_type__app_label="consultations"),
        Permission.objects.get(codename="change_comment", content_type__app_label="consultations"),
    )
    GroupPagePermission.objects.create(group=group, page=open_consultation.get_parent(), permission_type="change")
    user = django_user_model.objects.create_user("reviewer", "reviewer@example.gov.cn", "pw")
    user.groups.add(group)
    return user


def test_not_adopted_without_reason_is_refused(admin_client, comment):
    response = admin_client.post(edit_url(comment), decision_data(decision="not_adopted"))
    assert response.status_code == 200
    assert "未采纳的意见必须说明理由。" in response.content.decode()
    comment.refresh_from_db()
    assert comment.decision == ""


def test_database_also_refuses_not_adopted_without_reason(comment):
    comment.decision = Decision.NOT_ADOPTED
    with pytest.raises(IntegrityError), transaction.atomic():
        comment.save()


def test_decision_with_reply_is_saved_and_logged(admin_client, admin_user, comment):
    response = admin_client.post(
        edit_url(comment),
        decision_data(decision="partly", reply="已部分吸收，增加了办理时限的规定。", is_public="on"),
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.decision == Decision.PARTLY
    assert comment.is_public
    assert comment.decided_by == admin_user
    entry = ModelLogEntry.objects.get(action="consultations.decide")
    assert entry.user == admin_user
    assert entry.data["decision"] == "partly"
    assert entry.data["tracking_code"] == comment.tracking_code


def test_contact_details_need_the_view_contact_permission(client, moderator, comment):
    client.force_login(moderator)
    html = client.get(edit_url(comment)).content.decode()
    assert comment.body in html
    assert "13955556666" not in html
    assert "wangwu@example.com" not in html
    assert "王五" not in html

    moderator.user_permissions.add(Permission.objects.get(codename="view_contact"))
    moderator = type(moderator).objects.get(pk=moderator.pk)  # drop the permission cache
    client.force_login(moderator)
    html = client.get(edit_url(comment)).content.decode()
    assert "13955556666" in html
    assert "wangwu@example.com" in html


def test_saving_without_the_permission_keeps_the_contact(client, moderator, comment):
    client.force_login(moderator)
    response = client.post(edit_url(comment), decision_data(decision="adopted"))
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.phone, comment.email, comment.decision) == ("13955556666", "wangwu@example.com", "adopted")


def test_users_without_comment_permissions_see_nothing(client, django_user_model, comment):
    editor = django_user_model.objects.create_user("editor", "e@example.gov.cn", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(reverse(LIST_URL)).status_code in (302, 403)
    assert client.get(edit_url(comment)).status_code in (302, 403)


def test_list_filters_and_search(admin_client, open_consultation, closed_consultation):
    flagged = CommentFactory(consultation=open_consultation, body="这里有广告内容需要关注。", is_flagged=True)
    public = CommentFactory(
        consultation=open_consultation, body="建议增设老年食堂。", is_public=True, decision="adopted"
    )
    other = CommentFactory(consultation=closed_consultation, body="临时救助标准应当提高。", identity_type="company")
    url = reverse(LIST_URL)

    def codes(query):
        html = admin_client.get(url, query).content.decode()
        return {c.tracking_code for c in (flagged, public, other) if c.tracking_code in html}

    assert codes({"consultation": open_consultation.pk}) == {flagged.tracking_code, public.tracking_code}
    assert codes({"state": "flagged"}) == {flagged.tracking_code}
    assert codes({"state": "public"}) == {public.tracking_code}
    assert codes({"state": "new"}) == {flagged.tracking_code, other.tracking_code}
    assert codes({"identity_type": "company"}) == {other.tracking_code}
    assert codes({"q": "老年食堂"}) == {public.tracking_code}


def test_bulk_not_processed_and_public(admin_client, admin_user, open_consultation):
    first, second = CommentFactory.create_batch(2, consultation=open_consultation)
    url = reverse("wagtail_bulk_action", args=["consultations", "comment", "comment_not_processed"])
    confirm = admin_client.get(url, {"id": [first.pk, second.pk]})
    assert confirm.status_code == 200
    assert "不予处理" in confirm.content.decode()
    response = admin_client.post(url + f"?id={first.pk}&id={second.pk}")
    assert response.status_code == 302
    assert set(Comment.objects.values_list("decision", flat=True)) == {"not_processed"}
    assert ModelLogEntry.objects.filter(action="consultations.decide").count() == 2

    url = reverse("wagtail_bulk_action", args=["consultations", "comment", "comment_public"])
    admin_client.post(url + f"?id={first.pk}")
    first.refresh_from_db()
    assert first.is_public


def test_csv_and_xlsx_export(admin_client, client, moderator, comment):
    url = reverse(LIST_URL)
    csv_response = admin_client.get(url, {"export": "csv", "consultation": comment.consultation_id})
    csv_text = b"".join(csv_response.streaming_content).decode()
    assert comment.tracking_code in csv_text
    assert comment.body in csv_text
    assert "13955556666" in csv_text  # the superuser may see contacts

    xlsx = admin_client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "查询码" in rows[0]
    assert any(comment.tracking_code in row for row in rows[1:])

    client.force_login(moderator)
    csv_text = b"".join(client.get(url, {"export": "csv"}).streaming_content).decode()
    assert comment.tracking_code in csv_text
    assert "13955556666" not in csv_text


def test_moderation_link_on_the_page_listing(admin_client, open_consultation):
    html = admin_client.get(reverse("wagtailadmin_explore", args=[open_consultation.get_parent().pk])).content.decode()
    assert f"consultation={open_consultation.pk}" in html


def test_moderators_download_attachments_the_public_cannot(admin_client, client, open_consultation):

    client.post(comment_url(open_consultation), valid_comment(attachments=[_upload("材料.pdf", PDF_BYTES)]))
    comment = Comment.objects.get()
    attachment = comment.attachments.get()
    html = admin_client.get(edit_url(comment)).content.decode()
    download = reverse("consultations_admin:comment_attachment", args=[attachment.pk])
    assert download in html
    response = admin_client.get(download)
    assert b"".join(response.streaming_content) == PDF_BYTES
    from django.test import Client

    assert Client().get(download).status_code in (302, 403)


def test_reviewers_see_only_comments_on_pages_they_may_edit(
    client, django_user_model, open_consultation, closed_consultation
):
    own = CommentFactory(consultation=open_consultation, body="本部门草案的意见。")
    other = CommentFactory(consultation=closed_consultation, body="其他部门草案的意见。")
    group = Group.objects.create(name="某部门审核人")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_comment", content_type__app_label="consultations"),
    )
    GroupPagePermission.objects.create(group=group, page=open_consultation, permission_type="publish")
    user = django_user_model.objects.create_user("dept", "dept@example.gov.cn", "pw")
    user.groups.add(group)
    client.force_login(user)

    html = client.get(reverse(LIST_URL)).content.decode()
    assert own.tracking_code in html
    assert other.tracking_code not in html
    assert client.get(edit_url(own)).status_code == 200
    response = client.get(edit_url(other))
    assert response.status_code in (302, 403)
    assert "其他部门草案的意见" not in response.content.decode()
