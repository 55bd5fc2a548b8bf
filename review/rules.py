"""The rules a review step enforces: no self-approval, one step per person, and the personal-data scan."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from wagtail.models import Revision, TaskState

from core.identifiers import find_bank_card_numbers, find_id_card_numbers, find_mobile_numbers
from core.page_text import page_text

CHECKLIST = [
    ("no_state_secret", _("不涉及国家秘密")),
    ("no_commercial_secret", _("不涉及商业秘密")),
    ("no_personal_information", _("不含个人隐私信息（如私人的身份证号码、手机号码、家庭住址）")),
    ("disclosure_attribute_correct", _("公开属性（主动公开/依申请公开/不予公开）认定正确")),
]


def _mask(value, keep_start, keep_end):
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


# (kind, finder, digits kept at the start and the end when masked)
PERSONAL_DATA_FINDERS = (
    (_lazy("身份证号码"), find_id_card_numbers, 6, 4),
    (_lazy("手机号码"), find_mobile_numbers, 3, 4),
    (_lazy("银行卡号"), find_bank_card_numbers, 6, 4),
)


# Every finder needs at least 11 digits in a row (separators allowed): most texts have none.
_DIGIT_RUN_RE = re.compile(r"(?:[0-9\uff10-\uff19][ \t\u00a0-]?){11}")


def scan_page(page):
    """Suspected ID-card, mobile and bank-card numbers anywhere in the page, its inline parts and
    attachment text, masked so the record itself holds no personal data."""
    hits = []
    for part in page_text(page).parts:
        if not _DIGIT_RUN_RE.search(part.text):
            continue
        for kind, finder, keep_start, keep_end in PERSONAL_DATA_FINDERS:
            for number in finder(part.text):
                hits.append({"kind": str(kind), "field": part.label, "value": _mask(number, keep_start, keep_end)})
    return hits


# Checks other apps add to every approval (site inspection registers its 错敏词 and link check).
# Each takes the page object of the revision under review and returns findings as dicts with
# "kind", "field", "value", "context", "context_html", "suggestion" and "blocking".
_approval_checks = []


def register_approval_check(check):
    if check not in _approval_checks:
        _approval_checks.append(check)
    return check


def approval_check_findings(page):
    """Every registered check's findings on ``page``; blocking ones stop approval without a reason."""
    findings = []
    for check in _approval_checks:
        findings.extend(check(page))
    return findings


def scanned_revision(task_state):
    """The revision the workflow will publish: the latest one."""
    return task_state.workflow_state.content_object.get_latest_revision()


# Revision fields that change on every save without changing what the page says.
METADATA_KEYS = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "live_revision",
    "live",
    "first_published_at",
    "last_published_at",
    "locked",
    "locked_at",
    "locked_by",
    "expired",
    "comments",
}


def _content(revision):
    return {key: value for key, value in revision.content.items() if key not in METADATA_KEYS}


def is_no_op(revision):
    """Whether ``revision`` says exactly what the revision before it said (a save without changes)."""
    previous = (
        Revision.objects.filter(
            base_content_type_id=revision.base_content_type_id, object_id=revision.object_id, pk__lt=revision.pk
        )
        .order_by("-pk")
        .first()
    )
    return previous is not None and _content(previous) == _content(revision)


def _revisions_since_publication(obj, workflow_state):
    """Revisions of the page saved after the revision that is live now (all of them if never published)."""
    revisions = Revision.objects.filter(
        base_content_type_id=workflow_state.base_content_type_id, object_id=workflow_state.object_id
    )
    live_revision_id = getattr(obj, "live_revision_id", None)
    if getattr(obj, "live", False) and live_revision_id:
        revisions = revisions.filter(pk__gt=live_revision_id)
    return revisions


def self_approval_reason(obj, user):
    """Why ``user`` may not approve the current step on ``obj``, or "" if they may.

    Refused: whoever submitted the draft or saved a real change to any revision since the
    page was last published ("谁起草不审核"), and whoever already approved another step of
    this workflow run (one person, one step).
    """
    workflow_state = obj.current_workflow_state
    if workflow_state is None or user is None or not user.is_authenticated:
        return ""
    task_state = workflow_state.current_task_state
    authored = list(_revisions_since_publication(obj, workflow_state).filter(user=user))
    if task_state is not None and task_state.revision.user_id == user.pk:
        authored.append(task_state.revision)
    edited = any(not is_no_op(revision) for revision in authored)
    if edited or workflow_state.requested_by_id == user.pk:
        return _("您编辑或提交过本稿件，按照“谁起草不审核”的规定，不能审核本稿件；请由本组其他审核人处理。")
    if task_state is not None:
        other_step = (
            workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED, finished_by=user)
            .exclude(task_id=task_state.task_id)
            .select_related("task")
            .first()
        )
        if other_step is not None:
            return _("您已在本轮审核中通过了“%(step)s”，同一人不能审核同一稿件的两个环节；请由其他审核人处理。") % {
                "step": other_step.task.name
            }
    return ""


def follow_no_op_saves(task_state):
    """Move the step onto the latest revision if everything saved since says the same thing.

    Approving from the page editor saves the form first; an unchanged form must not
    send the draft back to 初审 (re-approval on edit applies to real edits only).
    """
    later = list(
        Revision.objects.filter(
            base_content_type_id=task_state.revision.base_content_type_id,
            object_id=task_state.revision.object_id,
            pk__gt=task_state.revision_id,
        ).order_by("pk")
    )
    if later and all(is_no_op(revision) for revision in later):
        task_state.revision = later[-1]
        task_state.save(update_fields=["revision"])


def validate_action(task, task_state, action_name, data):
    """The cleaned form data for an action on ``task_state``, or None if the form refuses it."""
    form_class = task.get_form_for_action(action_name)
    payload = {
        key: value
        for key, value in data.items()
        if key not in {"personal_data_hits", "check_findings", "review_task_state"}
    }
    for key, value in list(payload.items()):
        if value is False:
            payload.pop(key)
    payload["review_task_state"] = task_state.pk
    form = form_class(payload)
    if not form.is_valid():
        return None
    return form.cleaned_data


def in_progress_state(task_state_id):
    return (
        TaskState.objects.filter(pk=task_state_id, status=TaskState.STATUS_IN_PROGRESS)
        .select_related("workflow_state")
        .first()
    )
