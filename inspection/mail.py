"""The weekly inspection e-mail: the office gets every finding, each department's 初审 reviewers their own."""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

from review.departments import department_label
from review.models import DepartmentGroup

from .models import Finding

OFFICE_GROUP = "复审"


def office_recipients():
    configured = list(getattr(settings, "GONGKAI_INSPECTION_EMAILS", []))
    if configured:
        return sorted(set(configured))
    users = get_user_model().objects.filter(groups__name=OFFICE_GROUP, is_active=True).exclude(email="")
    return sorted({user.email for user in users})


def summary_text(findings, heading):
    counts = defaultdict(int)
    for finding in findings:
        counts[finding.get_kind_display()] += 1
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("inspection:report")
    lines = [heading, ""]
    lines += [f"{label}：{count}" for label, count in sorted(counts.items())] or ["未发现问题。"]
    lines += ["", "主要问题："]
    for finding in findings[:30]:
        lines.append(f"- 【{finding.get_kind_display()}】{finding.page_title}：{finding.subject}")
    if len(findings) > 30:
        lines.append(f"……另有{len(findings) - 30}个问题")
    lines += ["", f"查看和导出全部检查结果：{url}"]
    return "\n".join(lines)


def send_weekly_report():
    """Send the e-mails; returns the number sent."""
    findings = list(Finding.objects.select_related("organisation").order_by("kind", "page_title"))
    sent = 0
    office = office_recipients()
    if office:
        send_mail(
            subject=f"【网站检查周报】共{len(findings)}个问题",
            message=summary_text(findings, "本周网站检查结果（全部部门）："),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=office,
        )
        sent += 1
    by_department = defaultdict(list)
    for finding in findings:
        if finding.organisation_id:
            by_department[finding.organisation_id].append(finding)
    links = DepartmentGroup.objects.filter(
        role=DepartmentGroup.Role.FIRST_REVIEWER, organisation_id__in=list(by_department)
    ).select_related("group", "organisation")
    for link in links:
        recipients = sorted(
            {user.email for user in link.group.user_set.filter(is_active=True).exclude(email="")} - set(office)
        )
        if not recipients:
            continue
        department_findings = by_department[link.organisation_id]
        name = department_label(link.organisation)
        send_mail(
            subject=f"【网站检查周报】{name}：{len(department_findings)}个问题",
            message=summary_text(department_findings, f"本周网站检查结果（{name}）："),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
        sent += 1
    return sent
