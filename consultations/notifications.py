"""The e-mail that tells a commenter the office's decision on their comment."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from consultations.models import Comment
from core.text import quoted_title


def awaiting_notice():
    """Comments with an e-mail address whose current decision the commenter has not been told."""
    return Comment.objects.exclude(email="").exclude(decision="").exclude(notified_decision=F("decision"))


def status_url(consultation):
    """The absolute URL of the status lookup, on the host name of the page's site (Settings → Sites)."""
    page_url = consultation.get_full_url()
    if not page_url:
        return ""
    return page_url + consultation.reverse_subpage("status")


def decision_notice(comment):
    """The e-mail to one commenter: their own code, decision, reason and reply, and where to look them up.

    Nothing else about the comment goes in it: not the name or phone, not the comment itself.
    """
    consultation = comment.consultation
    submitted = timezone.localtime(comment.submitted_at)
    lines = [
        "您好：",
        "",
        f"您对{quoted_title(consultation.title)}提出的意见已办理，结果如下。",
        "",
        f"查询码：{comment.tracking_code}",
        f"提交时间：{submitted.year}年{submitted.month}月{submitted.day}日",
        f"针对条款：{comment.article_label or '总体意见'}",
        f"处理结果：{comment.get_decision_display()}",
    ]
    if comment.decision_reason.strip():
        lines.append(f"理由：{comment.decision_reason.strip()}")
    if comment.reply.strip():
        lines.append(f"答复：{comment.reply.strip()}")
    url = status_url(consultation)
    if url:
        lines += ["", "凭查询码和提交意见时填写的电话或电子邮箱，可在以下页面查看办理详情：", url]
    lines += ["", consultation.organisation.name]
    office_contact = "　".join(
        part for part in (consultation.contact_person, consultation.contact_phone, consultation.email) if part
    )
    if office_contact:
        lines.append(f"联系方式：{office_contact}")
    lines += ["", "本邮件由系统自动发送。"]
    return EmailMessage(
        subject=f"【意见办理结果】{consultation.title}",
        body="\n".join(lines) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[comment.email],
        reply_to=[consultation.email] if consultation.email else None,
    )


def send_decision_notice(comment_id):
    """Tell the commenter the decision if they have not been told it yet; True when a mail went out.

    The comment's row stays locked while the mail is sent, so the task worker and the management
    command never tell the same decision twice. A failed send raises and records nothing.
    """
    with transaction.atomic():
        comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
        if comment is None or not comment.needs_decision_notice:
            return False
        decision_notice(comment).send()
        Comment.objects.filter(pk=comment.pk).update(
            decision_notified_at=timezone.now(), notified_decision=comment.decision
        )
    return True
