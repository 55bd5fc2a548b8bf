"""The statutory figures the disclosure reports already compute, joined into the inspection."""

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from core.calendar import calendar_overrides, local_date, working_days_between
from disclosure.admin_views import LateDocumentsReport, UninterpretedPoliciesReport
from disclosure.deadlines import interpretation_days, proactive_disclosure_days
from disclosure.models import PolicyDocumentPage
from disclosure.models.choices import Validity

from ..models import Finding
from .base import Found


def late_documents():
    limit = proactive_disclosure_days()
    return [
        Found(
            Finding.Kind.LATE_DOCUMENT,
            row.page,
            _("发布日期"),
            _("成文%(formed)s，发布%(published)s，间隔%(days)d个工作日（法定%(limit)d个工作日内）")
            % {"formed": row.formed_on, "published": row.published_on, "days": row.working_days, "limit": limit},
        )
        for row in LateDocumentsReport().get_rows()
    ]


def missing_interpretations(today=None):
    today = today or timezone.localdate()
    limit = interpretation_days()
    overrides = calendar_overrides()
    found = []
    for row in UninterpretedPoliciesReport().get_rows():
        if row.published_on is None:
            continue
        days = working_days_between(row.published_on, today, overrides)
        if days > limit:
            found.append(
                Found(
                    Finding.Kind.MISSING_INTERPRETATION,
                    row.page,
                    _("政策解读"),
                    _("%(rank)s发布已%(days)d个工作日，尚无政策解读（应在%(limit)d个工作日内）")
                    % {"rank": row.rank, "days": days, "limit": limit},
                    suggestion=_("请发布解读并关联本文件"),
                )
            )
    return found


def missing_handling_reports(now=None):
    if not apps.is_installed("consultations"):
        return []
    consultation_model = apps.get_model("consultations", "ConsultationPage")
    now = now or timezone.now()
    pages = consultation_model.objects.live().filter(ends_at__lte=now, report_published=False).order_by("ends_at")
    return [
        Found(
            Finding.Kind.MISSING_HANDLING_REPORT,
            page,
            _("意见采纳情况"),
            _("征集已于%(date)s结束，尚未公布意见采纳情况") % {"date": local_date(page.ends_at)},
            suggestion=_("请发布意见采纳情况反馈"),
        )
        for page in pages
    ]


def contradictory_validity(today=None):
    today = today or timezone.localdate()
    found = []
    repealed = (
        PolicyDocumentPage.objects.live()
        .filter(validity=Validity.REPEALED, invalid_from__isnull=True, successors__isnull=True)
        .distinct()
    )
    for page in repealed:
        found.append(
            Found(
                Finding.Kind.VALIDITY,
                page,
                _("有效性"),
                _("标为已废止，但没有失效日期，也没有替代文件"),
                suggestion=_("请填写失效日期或关联替代文件"),
            )
        )
    expired = PolicyDocumentPage.objects.live().filter(validity=Validity.VALID, invalid_from__lt=today)
    for page in expired:
        found.append(
            Found(
                Finding.Kind.VALIDITY,
                page,
                _("有效性"),
                _("标为现行有效，但已过失效日期%(date)s") % {"date": page.invalid_from},
                suggestion=_("请改为已失效，或核实失效日期"),
            )
        )
    return found


def statutory_findings():
    return late_documents() + missing_interpretations() + missing_handling_reports() + contradictory_validity()
