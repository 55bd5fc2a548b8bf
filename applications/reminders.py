"""The daily reminder: each assignee and each organisation's disclosure office get their overdue and due-soon list."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from applications import settings as rules
from applications.models import Application
from applications.models.choices import OPEN_STATES


def urgent_applications(today=None):
    """Open applications past or within the due-soon limit of their deadline, the most urgent first."""
    today = today or timezone.localdate()
    urgent = []
    for application in Application.objects.filter(state__in=OPEN_STATES, deadline__isnull=False).select_related(
        "organisation", "assignee"
    ):
        left = application.days_left(today)
        if left is not None and left <= rules.due_soon_days():
            urgent.append((left, application))
    urgent.sort(key=lambda pair: (pair[0], pair[1].pk))
    return urgent


def _line(left, application):
    when = f"已超期{-left}个工作日" if left < 0 else f"剩{left}个工作日"
    provisional = "（暂定期限）" if application.deadline_provisional else ""
    return (
        f"{application.number}  {application.info_title}  答复期限 {application.deadline:%Y-%m-%d}{provisional}  {when}"
    )


def send_reminders(today=None):
    """E-mail the list to each assignee and to each organisation's office address; returns the number of mails."""
    recipients = defaultdict(list)
    for left, application in urgent_applications(today):
        if application.assignee and application.assignee.email:
            recipients[application.assignee.email].append((left, application))
        if application.organisation.office_email:
            recipients[application.organisation.office_email].append((left, application))
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    link = base + reverse("applications_admin:deadlines")
    sent = 0
    for address, rows in sorted(recipients.items()):
        overdue = sum(1 for left, _a in rows if left < 0)
        subject = f"依申请公开期限提醒：{overdue}件已超期，{len(rows) - overdue}件即将到期"
        body = "\n".join(
            [
                "以下政府信息公开申请已超过或临近法定答复期限，请及时办理：",
                "",
                *(_line(left, application) for left, application in rows),
                "",
                f"查看全部：{link}",
            ]
        )
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        sent += 1
    return sent
