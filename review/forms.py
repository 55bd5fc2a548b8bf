"""The forms a reviewer fills in at each step: comment, checklist, personal-data reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .rules import CHECKLIST, approval_check_findings, in_progress_state, scan_page, scanned_revision


class ReviewActionForm(forms.Form):
    """Shared by every action: the task state it acts on and the reviewer's comment."""

    review_task_state = forms.IntegerField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(label=_("审核意见"), required=False, widget=forms.Textarea({"rows": 3}))

    def clean_review_task_state(self):
        task_state = in_progress_state(self.cleaned_data.get("review_task_state"))
        if task_state is None:
            raise forms.ValidationError(_("该审核任务不存在或已处理，请刷新页面。"))
        self.task_state_obj = task_state
        return task_state.pk


class RejectForm(ReviewActionForm):
    comment = forms.CharField(
        label=_("退回意见"),
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("退回修改必须填写审核意见，说明需要修改的内容。")},
        help_text=_("意见将显示在编辑页面，并通过邮件发送给起草人和此前各步审核人。"),
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError(_("退回修改必须填写审核意见，说明需要修改的内容。"))
        return comment


class ApproveForm(ReviewActionForm):
    personal_data_reason = forms.CharField(
        label=_("个人信息保留理由"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("仅当稿件中扫描到身份证号码、手机号码或银行卡号且确需公开时填写，例如公开的单位办公电话。"),
    )
    check_reason = forms.CharField(
        label=_("严重错误保留理由"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("内容检查发现严重错误（如国名、机构名称错误）时，应退回修改；确属误报的，填写理由后才能通过。"),
    )

    def clean(self):
        cleaned = super().clean()
        task_state = getattr(self, "task_state_obj", None)
        if task_state is None:
            return cleaned
        page = scanned_revision(task_state).as_object()
        hits = scan_page(page)
        cleaned["personal_data_hits"] = hits
        reason = (cleaned.get("personal_data_reason") or "").strip()
        cleaned["personal_data_reason"] = reason if hits else ""
        if hits and not reason:
            found = "；".join(f"{hit['field']}中的{hit['kind']} {hit['value']}" for hit in hits)
            self.add_error(
                "personal_data_reason",
                _("稿件中发现疑似个人信息：%(found)s。请退回删除，或填写保留理由后再通过。") % {"found": found},
            )
        findings = approval_check_findings(page)
        blocking = [finding for finding in findings if finding["blocking"]]
        check_reason = (cleaned.get("check_reason") or "").strip()
        cleaned["check_findings"] = [{k: v for k, v in f.items() if k != "context_html"} for f in findings]
        cleaned["check_reason"] = check_reason if blocking else ""
        if blocking and not check_reason:
            # The context is quoted: it may end with its own 。 or ….
            found = "；".join(f"{f['field']}：{f['value']}，见“{f['context'].strip()}”" for f in blocking)
            self.add_error(
                "check_reason",
                _("内容检查发现严重错误：%(found)s。请退回修改，或填写保留理由后再通过。") % {"found": found},
            )
        return cleaned


def _checklist_fields():
    return {
        name: forms.BooleanField(
            label=label,
            required=True,
            error_messages={"required": _("保密审查须逐项确认后才能通过。")},
        )
        for name, label in CHECKLIST
    }


FirstReviewApproveForm = type(
    "FirstReviewApproveForm",
    (ApproveForm,),
    {**_checklist_fields(), "__module__": __name__, "__doc__": "初审 approval: the confidentiality checklist."},
)
