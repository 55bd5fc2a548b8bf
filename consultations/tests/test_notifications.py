"""E-mail to commenters once the office has decided on their comment."""

import logging
import smtplib
from datetime import timedelta

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from consultations.admin_views import CommentEditView
from consultations.factories import CommentFactory
from consultations.models import Comment, Decision
from consultations.tests.test_moderation import decision_data, edit_url

pytestmark = pytest.mark.django_db

STATUS_URL = "http://testserver/yijian/open-draft/status/"


class FailingBackend(BaseEmailBackend):
    """A mail server that hangs up."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def decide(admin_client, django_capture_on_commit_callbacks):
    """Post the admin edit form and run what waits for the commit (the queued e-mail)."""

    def post(comment, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(edit_url(comment), decision_data(**fields))
        assert response.status_code == 302, response.content.decode()
        comment.refresh_from_db()
        return response

    return post


def bulk_not_processed(admin_client, comments):
    url = reverse("wagtail_bulk_action", args=["consultations", "comment", "comment_not_processed"])
    return admin_client.post(url + "?" + "&".join(f"id={c.pk}" for c in comments))


def test_decision_in_the_admin_form_sends_one_mail(decide, comment, settings):
    settings.DEFAULT_FROM_EMAIL = "yijian-noreply@example.gov.cn"
    decide(comment, decision="partly", reply="已在第三条中增加办理时限的规定。", is_public="on")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wangwu@example.com"]
    assert message.from_email == "yijian-noreply@example.gov.cn"
    assert message.reply_to == ["yijian@example.gov.cn"]  # the consultation's own mailbox
    assert message.subject == "【意见办理结果】示例市社区养老服务办法（征求意见稿）"
    assert "您对《示例市社区养老服务办法（征求意见稿）》提出的意见已办理" in message.body
    assert f"查询码：{comment.tracking_code}" in message.body
    assert "针对条款：第三条" in message.body
    assert "处理结果：部分采纳" in message.body
    assert "答复：已在第三条中增加办理时限的规定。" in message.body
    assert STATUS_URL in message.body
    assert comment.decision_notified_at is not None
    assert comment.notified_decision == Decision.PARTLY


def test_the_mail_names_nothing_of_the_commenter_but_the_address(decide, comment):
    decide(comment, decision="adopted")
    message = mail.outbox[0]
    text = message.subject + message.body
    for private in ("王五", "13955556666", "wangwu@example.com", comment.body):
        assert private not in text
    assert message.to == ["wangwu@example.com"]


def test_the_link_in_the_mail_opens_the_status_with_code_and_address(decide, comment):
    decide(comment, decision="not_adopted", decision_reason="补贴渠道已由第五条规定。")
    body = mail.outbox[0].body
    assert "处理结果：未采纳" in body
    assert "理由：补贴渠道已由第五条规定。" in body
    path = STATUS_URL.removeprefix("http://testserver")
    response = Client().post(path, {"code": comment.tracking_code, "contact": "wangwu@example.com"})
    assert response.status_code == 200
    assert "补贴渠道已由第五条规定。" in response.content.decode()


def test_saving_again_tells_nothing_new_a_changed_decision_is_told(decide, comment):
    decide(comment, decision="partly", reply="已部分吸收。")
    first_notified_at = comment.decision_notified_at

    decide(comment, decision="partly", reply="已部分吸收。")
    decide(comment, decision="partly", reply="已部分吸收，并补充了时限。", is_public="on")
    assert len(mail.outbox) == 1
    assert comment.decision_notified_at == first_notified_at

    decide(comment, decision="adopted", reply="已全部吸收。")
    assert len(mail.outbox) == 2
    assert "处理结果：采纳" in mail.outbox[1].body
    assert "答复：已全部吸收。" in mail.outbox[1].body
    assert comment.notified_decision == Decision.ADOPTED
    assert comment.decision_notified_at > first_notified_at


def test_back_to_the_decision_already_told_sends_nothing(decide, comment):
    decide(comment, decision="adopted")
    decide(comment, decision="")
    decide(comment, decision="adopted")
    assert len(mail.outbox) == 1
    assert (comment.decision, comment.notified_decision) == ("adopted", "adopted")


def test_a_notice_recorded_while_the_form_is_saved_is_kept(decide, comment, monkeypatch):

    Comment.objects.filter(pk=comment.pk).update(decision="adopted")
    told_at = timezone.now()
    load = CommentEditView.get_object

    def load_then_worker_finishes(view, queryset=None):
        stale = load(view, queryset)
        Comment.objects.filter(pk=stale.pk).update(notified_decision="adopted", decision_notified_at=told_at)
        return stale

    monkeypatch.setattr(CommentEditView, "get_object", load_then_worker_finishes)
    decide(comment, decision="adopted", reply="已采纳，并补充了时限。")
    assert comment.reply == "已采纳，并补充了时限。"
    assert (comment.notified_decision, comment.decision_notified_at) == ("adopted", told_at)
    assert mail.outbox == []


def test_comment_without_email_is_decided_and_nobody_mailed(decide, admin_client, open_consultation):
    comment = CommentFactory(consultation=open_consultation, phone="13811112222", email="")
    decide(comment, decision="adopted")
    assert mail.outbox == []
    assert comment.decision == Decision.ADOPTED
    assert comment.decision_notified_at is None
    assert comment.notified_decision == ""
    assert "提交人未留电子邮箱，不发送结果通知。" in admin_client.get(edit_url(comment)).content.decode()


def test_edit_view_shows_when_the_commenter_was_told(decide, admin_client, comment):
    html = admin_client.get(edit_url(comment)).content.decode()
    assert "尚未发送。作出处理结果后，系统将自动发送邮件告知提交人。" in html

    decide(comment, decision="partly")
    html = admin_client.get(edit_url(comment)).content.decode()
    sent_at = timezone.localtime(comment.decision_notified_at).strftime("%Y-%m-%d %H:%M")
    assert f"已于{sent_at}发送邮件，告知提交人处理结果：部分采纳。" in html


def test_bulk_decision_tells_each_commenter_only_their_own(
    admin_client, open_consultation, django_capture_on_commit_callbacks
):
    first = CommentFactory(consultation=open_consultation, email="first@example.com", name="赵一")
    second = CommentFactory(consultation=open_consultation, email="second@example.com", name="钱二")
    silent = CommentFactory(consultation=open_consultation, email="")

    with django_capture_on_commit_callbacks(execute=True):
        response = bulk_not_processed(admin_client, [first, second, silent])
    assert response.status_code == 302

    assert len(mail.outbox) == 2
    by_recipient = {tuple(message.to): message.body for message in mail.outbox}
    assert set(by_recipient) == {("first@example.com",), ("second@example.com",)}
    for own, other in ((first, second), (second, first)):
        body = by_recipient[(own.email,)]
        assert f"查询码：{own.tracking_code}" in body
        assert "处理结果：不予处理" in body
        for foreign in (other.tracking_code, other.email, other.name, other.phone, other.body, silent.tracking_code):
            assert foreign not in body
    notified = dict(Comment.objects.values_list("pk", "notified_decision"))
    assert notified == {first.pk: "not_processed", second.pk: "not_processed", silent.pk: ""}


def test_mail_holds_no_other_commenters_data(decide, comment, open_consultation):
    other = CommentFactory(
        consultation=open_consultation,
        name="孙三",
        phone="13700001111",
        email="sunsan@example.com",
        body="建议取消第七条中关于补贴另行制定的表述。",
        decision=Decision.NOT_ADOPTED,
        decision_reason="补贴标准须经财政部门论证。",
        reply="将在配套文件中明确。",
    )
    decide(comment, decision="partly", reply="已部分吸收。")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wangwu@example.com"]
    for foreign in (other.tracking_code, "孙三", "13700001111", "sunsan@example.com", other.body, other.reply):
        assert foreign not in message.subject + message.body
    assert "补贴标准须经财政部门论证" not in message.body


def test_a_failed_send_keeps_the_form_working_and_the_notice_pending(decide, admin_client, comment, settings, caplog):
    settings.EMAIL_BACKEND = "consultations.tests.test_notifications.FailingBackend"
    with caplog.at_level(logging.ERROR, logger="consultations.tasks"):
        decide(comment, decision="adopted", reply="已采纳。")

    assert comment.decision == Decision.ADOPTED  # the decision itself is saved
    assert comment.decision_notified_at is None
    assert comment.notified_decision == ""
    assert f"Decision notice for comment {comment.pk} not sent" in caplog.text
    html = admin_client.get(edit_url(comment)).content.decode()
    assert "处理结果“采纳”尚未通知提交人" in html

    with pytest.raises(CommandError, match="1 条通知发送失败"):
        call_command("notify_commenters")
    comment.refresh_from_db()
    assert comment.decision_notified_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("notify_commenters")
    comment.refresh_from_db()
    assert comment.notified_decision == Decision.ADOPTED
    assert [message.to for message in mail.outbox] == [["wangwu@example.com"]]
    assert "答复：已采纳。" in mail.outbox[0].body


def test_notify_commenters_sends_the_pending_ones(open_consultation, capsys):
    told_at = timezone.now() - timedelta(days=2)
    pending = CommentFactory(consultation=open_consultation, email="pending@example.com", decision="adopted")
    changed = CommentFactory(
        consultation=open_consultation,
        email="changed@example.com",
        decision="partly",
        notified_decision="adopted",
        decision_notified_at=told_at,
    )
    told = CommentFactory(
        consultation=open_consultation,
        email="told@example.com",
        decision="adopted",
        notified_decision="adopted",
        decision_notified_at=told_at,
    )
    CommentFactory(consultation=open_consultation, email="", decision="adopted")
    CommentFactory(consultation=open_consultation, email="undecided@example.com", decision="")

    call_command("notify_commenters", "--dry-run")
    out = capsys.readouterr().out
    assert pending.tracking_code in out
    assert changed.tracking_code in out
    assert told.tracking_code not in out
    assert "待通知 2 条。" in out
    assert mail.outbox == []

    call_command("notify_commenters")
    assert "已发送 2 条，失败 0 条。" in capsys.readouterr().out
    assert sorted(message.to[0] for message in mail.outbox) == ["changed@example.com", "pending@example.com"]
    changed_mail = next(m for m in mail.outbox if m.to == ["changed@example.com"])
    assert f"查询码：{changed.tracking_code}" in changed_mail.body
    assert "处理结果：部分采纳" in changed_mail.body
    pending.refresh_from_db()
    changed.refresh_from_db()
    told.refresh_from_db()
    assert pending.notified_decision == "adopted" and pending.decision_notified_at is not None
    assert changed.notified_decision == "partly" and changed.decision_notified_at > told_at
    assert told.decision_notified_at == told_at

    call_command("notify_commenters")
    assert "已发送 0 条，失败 0 条。" in capsys.readouterr().out
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_worker_sends_it(wagtail_root, decide, comment, settings):
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    decide(comment, decision="adopted")
    assert mail.outbox == []  # queued by the request, not sent
    queued = DBTaskResult.objects.get(task_path="consultations.tasks.notify_commenter")
    assert queued.args_kwargs["args"] == [comment.pk]
    assert comment.decision_notified_at is None

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    worker.run()
    comment.refresh_from_db()
    assert comment.notified_decision == Decision.ADOPTED
    assert [message.to for message in mail.outbox] == [["wangwu@example.com"]]
    assert DBTaskResult.objects.get(pk=queued.pk).status == "SUCCESSFUL"
