"""The three review steps (初审/复审/终审) as Wagtail tasks, and the state each keeps of one revision."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import LogContext
from wagtail.models import AbstractGroupApprovalTask, TaskState

from review.confirmation import landing_url
from review.departments import page_ids_reviewed_by, user_reviews_page
from review.forms import ApproveForm, FirstReviewApproveForm, RejectForm
from review.rules import CHECKLIST, follow_no_op_saves, self_approval_reason, validate_action


class ReviewTaskState(TaskState):
    """One review step on one revision, with the confidentiality confirmation and the personal-data scan."""

    no_state_secret = models.BooleanField(_("不涉及国家秘密"), default=False)
    no_commercial_secret = models.BooleanField(_("不涉及商业秘密"), default=False)
    no_personal_information = models.BooleanField(_("不含个人隐私信息"), default=False)
    disclosure_attribute_correct = models.BooleanField(_("公开属性认定正确"), default=False)
    personal_data_hits = models.JSONField(_("扫描到的个人信息"), default=list, blank=True)
    personal_data_reason = models.TextField(_("保留理由"), blank=True)

    exclude_fields_in_copy = [
        "no_state_secret",
        "no_commercial_secret",
        "no_personal_information",
        "disclosure_attribute_correct",
        "personal_data_hits",
        "personal_data_reason",
    ]

    class Meta:
        verbose_name = _("审核步骤")
        verbose_name_plural = _("审核步骤")

    @property
    def confidentiality_confirmed(self):
        return all(getattr(self, name) for name, _label in CHECKLIST)

    def review_data(self):
        """What this step recorded beyond Wagtail's own fields; goes into the audit log entry."""
        return {
            "checklist": {name: getattr(self, name) for name, _label in CHECKLIST},
            "confidentiality_confirmed": self.confidentiality_confirmed,
            "personal_data_hits": self.personal_data_hits,
            "personal_data_reason": self.personal_data_reason,
            # Findings of registered approval checks (site inspection), kept in the log entry only.
            "check_findings": getattr(self, "check_findings", []),
            "check_reason": getattr(self, "check_reason", ""),
        }

    def log_state_change_action(self, user, action):
        # Wagtail's approve/reject log entry is the record; add this step's review data to it
        # instead of logging a second entry that could disagree.
        from wagtail.log_actions import log

        obj = self.revision.as_object()
        next_task = self.workflow_state.get_next_task()
        log(
            instance=obj,
            action=f"wagtail.workflow.{action}",
            user=user,
            data={
                "workflow": {
                    "id": self.workflow_state.workflow.id,
                    "title": self.workflow_state.workflow.name,
                    "status": self.status,
                    "task_state_id": self.id,
                    "task": {"id": self.task.id, "title": self.task.name},
                    "next": {"id": next_task.id, "title": next_task.name} if next_task else None,
                },
                "comment": self.get_comment(),
                "review": self.review_data(),
            },
            revision=self.revision,
        )


class ReviewTask(AbstractGroupApprovalTask):
    """A review step approved by members of its groups; nobody approves a revision they edited."""

    # Set by the concrete steps.
    step = ""
    requires_checklist = False
    department_scoped = False

    task_state_class = ReviewTaskState

    class Meta:
        abstract = True

    def start(self, workflow_state, user=None):
        # A resubmitted draft is a new text: resume at the earliest step that has not
        # approved the latest revision (初审 re-checks confidentiality), not at the step that rejected.
        earliest = workflow_state.get_next_task()
        if earliest is not None and earliest.pk != self.pk:
            return earliest.specific.start(workflow_state, user=user)
        return super().start(workflow_state, user=user)

    def user_is_reviewer(self, obj, user):
        if not user.is_active:
            return False
        if not (user.is_superuser or self._user_in_groups(user)):
            return False
        if self.department_scoped and not user.is_superuser:
            return user_reviews_page(user, obj)
        return True

    def user_can_access_editor(self, obj, user):
        return self.user_is_reviewer(obj, user)

    def locked_for_user(self, obj, user):
        return not self.user_is_reviewer(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_is_reviewer(obj, user)

    def get_actions(self, obj, user):
        if not self.user_is_reviewer(obj, user):
            return []
        if self_approval_reason(obj, user):
            return []
        return [
            ("reject", _("退回修改"), True),
            ("approve", _("审核通过"), True),
        ]

    def get_form_for_action(self, action):
        if action == "reject":
            return RejectForm
        return FirstReviewApproveForm if self.requires_checklist else ApproveForm

    def get_template_for_action(self, action):
        return "review/workflow_action_modal.html"

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if self.department_scoped and not user.is_superuser:
            return states.filter(workflow_state__object_id__in=page_ids_reviewed_by(user))
        return states

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        """Check everything again here: the page editor posts the collected data without the form."""
        task_state = task_state.specific
        if action_name not in {
            name for name, _label, _modal in self.get_actions(task_state.workflow_state.content_object, user)
        }:
            raise PermissionDenied
        cleaned = validate_action(self, task_state, action_name, kwargs)
        if cleaned is None:
            raise PermissionDenied
        comment = cleaned.get("comment", "")
        if action_name == "approve":
            follow_no_op_saves(task_state)
            for name, _label in CHECKLIST:
                setattr(task_state, name, bool(cleaned.get(name)))
            task_state.personal_data_hits = cleaned.get("personal_data_hits", [])
            task_state.personal_data_reason = cleaned.get("personal_data_reason", "")
            task_state.check_findings = cleaned.get("check_findings", [])
            task_state.check_reason = cleaned.get("check_reason", "")
            task_state.approve(user=user, update=False, comment=comment)
            workflow_state = task_state.workflow_state
            if workflow_state.get_next_task() is None:
                # The last approval publishes on the workflow's authority: approvers hold no
                # publish permission (it would let them publish without the earlier steps),
                # while the publish log entry still names the approver.
                with LogContext(user=user):
                    workflow_state.update(user=None)
            else:
                workflow_state.update(user=user)
        elif action_name == "reject":
            task_state.reject(user=user, comment=comment)
        # Wagtail would send the reviewer back to the page editor, closed to them by now.
        return landing_url(task_state)


class FirstReviewTask(ReviewTask):
    """初审: the head of the drafting office, with the confidentiality checklist; per department."""

    step = "first"
    requires_checklist = True
    department_scoped = True

    class Meta:
        verbose_name = _("初审")
        verbose_name_plural = _("初审")

    @classmethod
    def get_description(cls):
        return _("起草部门负责人审核，须确认保密审查清单；只审核本部门的稿件。")


class SecondReviewTask(ReviewTask):
    """复审: the disclosure office or the leader in charge, all departments."""

    step = "second"

    class Meta:
        verbose_name = _("复审")
        verbose_name_plural = _("复审")

    @classmethod
    def get_description(cls):
        return _("政务公开办或分管领导审核，覆盖所有部门。")


class FinalReviewTask(ReviewTask):
    """终审: the principal leader, all departments."""

    step = "final"

    class Meta:
        verbose_name = _("终审")
        verbose_name_plural = _("终审")

    @classmethod
    def get_description(cls):
        return _("主要负责人终审，通过后发布。")


def overdue_days():
    return getattr(settings, "GONGKAI_REVIEW_OVERDUE_DAYS", 2)
