"""What the office does with an application: each step checks the state, records the step and the audit log.

登记 → 分办 → (补正) → (征求第三方意见) → (延期, approved by the head of the office) → 起草答复 →
审批 → 答复 (with the letter) → 归档.  Every function runs in one transaction and raises
``HandlingError`` with a Chinese message when the step is not allowed now.
"""

from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from applications import settings as rules
from applications.letters import issue_letter
from applications.models import Application, LetterKind, State, Step, StepKind, ThirdPartyConsultation
from applications.models.choices import OPEN_STATES, OUTCOMES
from core.calendar import add_working_days, calendar_overrides


class HandlingError(Exception):
    """A step that is not allowed in the application's current state (message in Chinese)."""


def _require(application, states, message):
    if application.state not in states:
        raise HandlingError(message)


def _log(application, action, user, **data):
    log(application, action, user=user, data={"number": application.number, **data})


def _date(value):
    return value or timezone.localdate()


@transaction.atomic
def register(application, user=None):
    """Save a new application (online or typed in from paper) and record 已登记."""
    application.full_clean()
    application.state = State.REGISTERED
    application.save()
    Step.objects.create(
        application=application,
        kind=StepKind.REGISTERED,
        on=application.received_on,
        note=f"通过“{application.get_channel_display()}”收到申请。",
    )
    _log(application, "applications.register", user, channel=application.channel)
    return application


@transaction.atomic
def assign(application, user, department, assignee=None):
    _require(application, OPEN_STATES, "该申请已答复，不能再分办。")
    application.department = department
    application.assignee = assignee
    if application.state == State.REGISTERED:
        application.state = State.PROCESSING
    application.save()
    _log(
        application,
        "applications.assign",
        user,
        department=department.name if department else "",
        assignee=assignee.get_username() if assignee else "",
    )
    return application


@transaction.atomic
def request_correction(application, user, request_text, on=None, due_on=None):
    """The one complete 补正 notice (Art. 30): the clock stops until the corrected application arrives."""
    _require(application, [State.REGISTERED, State.PROCESSING], "只能对已登记或办理中的申请发出补正告知。")
    if application.correction_requested_on:
        raise HandlingError("补正告知应一次性告知，本申请已经发出过补正告知。")
    if not (request_text or "").strip():
        raise HandlingError("请写明需要补正的事项。")
    on = _date(on)
    if on < application.received_on:
        raise HandlingError("补正告知日期不能早于收到申请的日期。")
    overrides = calendar_overrides()
    application.correction_requested_on = on
    application.correction_due_on = due_on or add_working_days(on, rules.correction_period_days(), overrides)
    application.correction_request = request_text.strip()
    application.state = State.CORRECTION
    application.save()
    late = on > application.clock(overrides).correction_notice_due
    letter = issue_letter(LetterKind.CORRECTION, application, on)
    Step.objects.create(
        application=application,
        kind=StepKind.CORRECTION_REQUESTED,
        on=on,
        note=f"请于{application.correction_due_on:%Y年%m月%d日}前补正：{application.correction_request}",
        letter=letter,
    )
    _log(application, "applications.correction", user, due_on=str(application.correction_due_on), late=late)
    return letter


@transaction.atomic
def receive_correction(application, user, on=None):
    """The corrected application arrived: the 20 working days start again from this day."""
    _require(application, [State.CORRECTION], "该申请没有在等待补正。")
    on = _date(on)
    if on < application.correction_requested_on:
        raise HandlingError("收到补正的日期不能早于补正告知日期。")
    application.correction_received_on = on
    application.state = State.PROCESSING
    application.save()
    Step.objects.create(
        application=application,
        kind=StepKind.CORRECTION_RECEIVED,
        on=on,
        note=f"答复期限自收到补正之日起重新计算，至{application.deadline:%Y年%m月%d日}。",
    )
    _log(application, "applications.correction_received", user, on=str(on))
    return application


@transaction.atomic
def consult_third_party(application, user, party, on=None):
    """Art. 32: ask a third party; its time (15 working days at most) does not count towards the answer."""
    _require(application, [State.PROCESSING, State.THIRD_PARTY], "只能在办理中征求第三方意见。")
    if not (party or "").strip():
        raise HandlingError("请填写被征求意见的第三方。")
    on = _date(on)
    consultation = ThirdPartyConsultation.objects.create(application=application, party=party.strip(), sent_on=on)
    application.state = State.THIRD_PARTY
    application.save()
    Step.objects.create(
        application=application,
        kind=StepKind.THIRD_PARTY,
        on=on,
        note="依法征求第三方意见，征求意见所需时间不计算在答复期限内。",
    )
    _log(application, "applications.third_party", user, party=consultation.party, on=str(on))
    return consultation


@transaction.atomic
def third_party_answered(consultation, user, on=None, opinion=""):
    application = consultation.application
    if consultation.answered_on:
        raise HandlingError("已经记录过该第三方的意见。")
    on = _date(on)
    if on < consultation.sent_on:
        raise HandlingError("收到意见的日期不能早于征求意见的日期。")
    consultation.answered_on = on
    consultation.opinion = opinion
    consultation.save()
    if not application.consultations.filter(answered_on__isnull=True).exists():
        application.state = State.PROCESSING
    application.save()
    Step.objects.create(
        application=application,
        kind=StepKind.THIRD_PARTY_ANSWERED,
        on=on,
        note=f"答复期限顺延至{application.deadline:%Y年%m月%d日}。",
    )
    _log(application, "applications.third_party_answered", user, party=consultation.party, on=str(on))
    return consultation


@transaction.atomic
def request_extension(application, user, days, reason):
    _require(application, [State.PROCESSING, State.THIRD_PARTY], "只能对办理中的申请申请延期。")
    if application.extension_approved_on:
        raise HandlingError("该申请已经延期一次。")
    days = int(days or 0)
    if not 1 <= days <= rules.extension_days():
        raise HandlingError(f"延长的期限应为1至{rules.extension_days()}个工作日。")
    if not (reason or "").strip():
        raise HandlingError("请写明延期的理由（延期答复告知书将告知申请人）。")
    application.extension_days = days
    application.extension_reason = reason.strip()
    application.extension_requested_by = user
    application.save()
    _log(application, "applications.extension_requested", user, days=days, reason=application.extension_reason)
    return application


@transaction.atomic
def approve_extension(application, user, on=None):
    """The head of the office approves: the deadline moves and the applicant gets the notice."""
    if not application.extension_days or application.extension_approved_on:
        raise HandlingError("没有待审批的延期申请。")
    if not user.has_perm("applications.approve_application"):
        raise HandlingError("延期须经政务公开工作机构负责人批准。")
    on = _date(on)
    application.extension_approved_by = user
    application.extension_approved_on = on
    application.save()
    letter = issue_letter(LetterKind.EXTENSION, application, on)
    Step.objects.create(
        application=application,
        kind=StepKind.EXTENDED,
        on=on,
        note=f"{application.extension_reason}；答复期限延长{application.extension_days}个工作日，"
        f"至{application.deadline:%Y年%m月%d日}。",
        letter=letter,
    )
    _log(application, "applications.extension_approved", user, deadline=str(application.deadline))
    return letter


ANSWER_FIELDS = [
    "outcome",
    "legal_basis",
    "reply_text",
    "withheld_part",
    "withheld_reason",
    "provided_how",
    "provided_file",
    "fee_method",
    "fee_amount",
    "fee_pages",
    "fee_notice_on",
]


@transaction.atomic
def submit_draft(application, user, **answer):
    """The department's draft answer goes to the head of the office for approval."""
    _require(application, [State.PROCESSING, State.CORRECTION], "只能在办理中起草答复。")
    for name, value in answer.items():
        if name not in ANSWER_FIELDS:
            raise ValueError(name)
        if value is not None:
            setattr(application, name, value)
    if application.outcome not in OUTCOMES:
        raise HandlingError("请选择办理结果。")
    errors = application.outcome_errors()
    if errors:
        raise HandlingError("；".join(str(message) for message in errors.values()))
    application.drafted_by = user
    application.state = State.AWAITING_APPROVAL
    application.save()
    _log(application, "applications.draft", user, outcome=application.outcome)
    return application


@transaction.atomic
def return_draft(application, user, comment):
    _require(application, [State.AWAITING_APPROVAL], "没有待审批的答复。")
    if not (comment or "").strip():
        raise HandlingError("退回答复时请写明意见。")
    application.state = (
        State.CORRECTION
        if application.correction_requested_on and not (application.correction_received_on)
        else State.PROCESSING
    )
    application.save()
    _log(application, "applications.draft_returned", user, comment=comment.strip())
    return application


@transaction.atomic
def approve_reply(application, user, on=None):
    """The head of the office approves the answer; the 答复书 is issued and the application is answered."""
    _require(application, [State.AWAITING_APPROVAL], "没有待审批的答复。")
    if not user.has_perm("applications.approve_application"):
        raise HandlingError("答复须经政务公开工作机构负责人审批。")
    on = _date(on)
    application.approved_by = user
    application.replied_on = on
    application.state = State.REPLIED
    application.save()
    letter = issue_letter(LetterKind.REPLY, application, on)
    Step.objects.create(
        application=application, kind=StepKind.REPLIED, on=on, note=application.outcome_label, letter=letter
    )
    late = application.deadline is not None and on > application.deadline
    _log(application, "applications.reply", user, outcome=application.outcome, late=late)
    return letter


@transaction.atomic
def archive(application, user, on=None):
    _require(application, [State.REPLIED], "只有已答复的申请才能归档。")
    on = _date(on)
    application.archived_on = on
    application.state = State.ARCHIVED
    application.save()
    Step.objects.create(application=application, kind=StepKind.ARCHIVED, on=on)
    _log(application, "applications.archive", user)
    return application


def record_table():
    """The audit-log actions of this module with their labels (registered in wagtail_hooks)."""
    return [
        ("applications.register", "登记申请"),
        ("applications.assign", "分办"),
        ("applications.correction", "发出补正告知"),
        ("applications.correction_received", "收到补正"),
        ("applications.third_party", "征求第三方意见"),
        ("applications.third_party_answered", "收到第三方意见"),
        ("applications.extension_requested", "申请延期"),
        ("applications.extension_approved", "批准延期"),
        ("applications.draft", "提交答复稿"),
        ("applications.draft_returned", "退回答复稿"),
        ("applications.reply", "审批并答复"),
        ("applications.archive", "归档"),
    ]


__all__ = [
    "Application",
    "HandlingError",
    "approve_extension",
    "approve_reply",
    "archive",
    "assign",
    "consult_third_party",
    "receive_correction",
    "record_table",
    "register",
    "request_correction",
    "request_extension",
    "return_draft",
    "submit_draft",
    "third_party_answered",
]
