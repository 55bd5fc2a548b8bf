"""The rules a review step enforces: no self-approval, and the personal-data scan."""

import json

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from wagtail.models import Revision, TaskState

from core.identifiers import find_id_card_numbers, find_mobile_numbers


def _mask(value, keep_start, keep_end):
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def _strings(value):
    """Every string inside a StreamField's raw data."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in {"type", "id"}:
                yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def page_texts(page):
    """(label, text) pairs of what a reader sees: title, summary, intro, body, attachment titles."""
    texts = [(_("标题"), page.title)]
    for name, label in (("summary", _("摘要")), ("intro", _("导语")), ("search_description", _("页面描述"))):
        value = getattr(page, name, "")
        if value:
            texts.append((label, strip_tags(str(value))))
    body = getattr(page, "body", None)
    if body is not None:
        raw = body.get_prep_value() if hasattr(body, "get_prep_value") else body
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except ValueError:
                raw = [raw]
        texts.append((_("正文"), " ".join(strip_tags(text) for text in _strings(raw))))
    attachments = getattr(page, "attachments", None)
    if attachments is not None:
        for attachment in attachments.all():
            texts.append((_("附件名称"), attachment.display_title))
    return texts


def scan_page(page):
    """Suspected ID-card and mobile numbers in the page, masked so the record itself holds no personal data."""
    hits = []
    for label, text in page_texts(page):
        for number in find_id_card_numbers(text):
            hits.append({"kind": _("身份证号码"), "field": str(label), "value": _mask(number, 6, 4)})
        for number in find_mobile_numbers(text):
            hits.append({"kind": _("手机号码"), "field": str(label), "value": _mask(number, 3, 4)})
    return hits


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


def self_approval_reason(obj, user):
    """Why ``user`` may not approve the current step on ``obj``, or "" if they may."""
    workflow_state = obj.current_workflow_state
    if workflow_state is None or user is None or not user.is_authenticated:
        return ""
    task_state = workflow_state.current_task_state
    revisions = Revision.objects.filter(
        base_content_type_id=workflow_state.base_content_type_id, object_id=workflow_state.object_id
    )
    authored = list(revisions.filter(created_at__gte=workflow_state.created_at, user=user))
    if task_state is not None and task_state.revision.user_id == user.pk:
        authored.append(task_state.revision)
    edited = any(not is_no_op(revision) for revision in authored)
    if edited or workflow_state.requested_by_id == user.pk:
        return _("您编辑或提交过本稿件，按照“谁起草不审核”的规定，不能审核本稿件；请由本组其他审核人处理。")
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
    payload = {key: value for key, value in data.items() if key not in {"personal_data_hits", "review_task_state"}}
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
