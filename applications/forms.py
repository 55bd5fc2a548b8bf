"""The public application form and the status lookup, with the comment form's protections."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from applications.models import ApplicantType, Application, IdType, OrganisationKind
from core import guards
from core.contact import NoEchoTextInput, checked_email, checked_phone
from disclosure.models import Organisation

# The ID document: a scan or a photo (PDF or image), checked by its content like comment attachments.
ID_DOCUMENT_TYPES = {"application/pdf", "image/jpeg", "image/png"}

PUBLIC_FIELDS = [
    "organisation",
    "applicant_type",
    "organisation_kind",
    "name",
    "id_type",
    "id_number",
    "credit_code",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "info_title",
    "info_document_number",
    "info_description",
    "purpose",
    "carrier",
    "delivery",
]


class DescribedFieldsMixin:
    """Ties each input to its help text and error message for screen readers."""

    def _describe_fields(self):
        for name, field in self.fields.items():
            ids = [f"id_{name}_help"] if field.help_text else []
            if self.is_bound and self._errors and name in self._errors:
                ids.append(f"id_{name}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def full_clean(self):
        super().full_clean()
        self._describe_fields()


class ApplicationForm(DescribedFieldsMixin, forms.ModelForm):
    """An application for government information; the applicant's details are never published."""

    id_document = forms.FileField(
        label="身份证明材料",
        required=False,
        help_text="选填，可上传身份证件或营业执照的扫描件、照片（PDF、JPG、PNG，不超过10MB）。不会公开。",
        error_messages={"invalid": "文件上传失败，请重新选择文件。", "empty": "上传的文件是空文件。"},
    )
    consent = forms.BooleanField(
        label="我承诺所填信息真实，并同意：个人信息仅用于办理本申请，不会公开。",
        error_messages={"required": "请阅读并勾选承诺。"},
    )
    # Left empty by people (hidden from view and from the tab order); scripts fill it in.
    website = forms.CharField(label="请勿填写此项", required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Application
        fields = PUBLIC_FIELDS
        widgets = {
            "applicant_type": forms.RadioSelect,
            "info_description": forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
            "purpose": forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
            "carrier": forms.RadioSelect,
            "delivery": forms.RadioSelect,
        }
        labels = {"organisation": "申请公开的行政机关"}
        help_texts = {
            "name": "自然人填写姓名，法人或其他组织填写单位全称。",
            "id_number": "居民身份证将校验末位校验码。",
            "credit_code": "18位，将校验末位校验码。",
            "phone": "用于联系您和查询办理进度，不会公开。",
            "info_title": "请尽量写明信息的名称；可先在政府信息公开目录中检索。",
            "info_description": "文号和内容描述至少填写一项，描述越具体越便于查找。",
        }
        error_messages = {
            "organisation": {"required": "请选择申请公开的行政机关。", "invalid_choice": "请选择申请公开的行政机关。"},
            "applicant_type": {"required": "请选择申请人类型。", "invalid_choice": "请选择申请人类型。"},
            "name": {"required": "请填写姓名或单位名称。", "max_length": "姓名或名称不能超过100个字。"},
            "phone": {"required": "请填写联系电话。"},
            "info_title": {"required": "请填写所需信息的名称。", "max_length": "信息名称不能超过200个字。"},
            "carrier": {"required": "请选择信息的载体形式。"},
            "delivery": {"required": "请选择获取信息的方式。"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("sort_order", "name")
        self.fields["organisation"].empty_label = "请选择"
        self.fields["organisation_kind"].label = "法人或其他组织类型"
        self.fields["id_type"].choices = [("", "请选择"), *IdType.choices]
        self.fields["organisation_kind"].choices = [("", "请选择"), *OrganisationKind.choices]
        self.fields["applicant_type"].choices = ApplicantType.choices
        self.fields["started"].initial = guards.make_form_token()
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        self.fields["id_document"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png"
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields["email"].widget.attrs.update(autocomplete="email", inputmode="email")
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["address"].widget.attrs["autocomplete"] = "street-address"
        self.fields["postcode"].widget.attrs.update(autocomplete="postal-code", inputmode="numeric")
        self.fields["email"].error_messages["invalid"] = "电子邮箱格式不正确。"
        self.is_bot = False
        self._describe_fields()

    def clean_phone(self):
        return checked_phone(self.cleaned_data["phone"])

    def clean_email(self):
        return checked_email(self.cleaned_data["email"])

    def clean_postcode(self):
        postcode = (self.cleaned_data["postcode"] or "").strip()
        if postcode and not (postcode.isdigit() and len(postcode) == 6):
            raise forms.ValidationError("邮政编码应为6位数字。")
        return postcode

    def clean_id_document(self):
        upload = self.cleaned_data.get("id_document")
        if not upload:
            return None
        try:
            mime = guards.sniff_attachment(upload)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if mime not in ID_DOCUMENT_TYPES:
            raise forms.ValidationError("身份证明材料请上传PDF、JPG或PNG文件。")
        self.id_document_type = mime
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            self.is_bot = True
            raise forms.ValidationError("提交未成功，请刷新页面后重新填写。", code="honeypot")
        problem = guards.form_token_problem(cleaned.get("started"))
        if problem == "too_fast":
            self.is_bot = True
            raise forms.ValidationError("提交过快，请稍候再提交。", code="too_fast")
        if problem == "expired":
            raise forms.ValidationError("页面已过期，请刷新页面后重新填写。", code="expired")
        return cleaned

    def _post_clean(self):
        # The model checks the ID / credit-code check digits; a person's fields are cleared for organisations.
        if self.cleaned_data.get("applicant_type") == ApplicantType.ORGANISATION:
            self.instance.id_type = ""
            self.instance.id_number = ""
        super()._post_clean()


class StatusLookupForm(forms.Form):
    """Find one's application by its number and the phone or e-mail given with it."""

    number = forms.CharField(
        label="申请编号",
        max_length=40,
        help_text="提交申请后回执上的编号，如 YSQ-2026-001-00012。",
        error_messages={"required": "请填写申请编号。", "max_length": "申请编号不正确。"},
    )
    contact = forms.CharField(
        label="申请时填写的联系电话或电子邮箱",
        max_length=254,
        widget=NoEchoTextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": "请填写申请时填写的联系电话或电子邮箱。"},
    )

    def clean_number(self):
        return "".join(self.cleaned_data["number"].split()).upper()


# -- the office's steps in the admin ------------------------------------------------------

DATE_WIDGET = forms.DateInput(attrs={"type": "date"})


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(label="承办部门", queryset=Organisation.objects.all())
    assignee = forms.ModelChoiceField(label="承办人", queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(groups__permissions__codename="handle_application") | Q(is_superuser=True),
            )
            .distinct()
            .order_by("username")
        )


class CorrectionForm(forms.Form):
    request_text = forms.CharField(label="需要补正的事项", widget=forms.Textarea(attrs={"rows": 3}))
    on = forms.DateField(label="告知日期", widget=DATE_WIDGET)
    due_on = forms.DateField(label="补正期限", widget=DATE_WIDGET, required=False, help_text="留空按默认期限计算。")


class DateForm(forms.Form):
    on = forms.DateField(label="日期", widget=DATE_WIDGET)


class ThirdPartyForm(forms.Form):
    party = forms.CharField(label="被征求意见的第三方", max_length=100)
    on = forms.DateField(label="征求意见日期", widget=DATE_WIDGET)


class ThirdPartyAnswerForm(forms.Form):
    consultation = forms.ModelChoiceField(label="第三方", queryset=None)
    on = forms.DateField(label="收到意见日期", widget=DATE_WIDGET)
    opinion = forms.CharField(label="第三方意见", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = application.consultations.filter(answered_on__isnull=True)


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label="延长工作日数", min_value=1)
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))


class DraftForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "outcome",
            "reply_text",
            "legal_basis",
            "withheld_part",
            "withheld_reason",
            "provided_how",
            "provided_file",
            "fee_method",
            "fee_amount",
            "fee_pages",
            "fee_notice_on",
        ]
        widgets = {
            "reply_text": forms.Textarea(attrs={"rows": 5}),
            "withheld_part": forms.Textarea(attrs={"rows": 2}),
            "withheld_reason": forms.Textarea(attrs={"rows": 2}),
            "fee_notice_on": DATE_WIDGET,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True

    def _post_clean(self):
        super()._post_clean()
        for name, message in self.instance.outcome_errors().items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)


class CommentForm(forms.Form):
    comment = forms.CharField(label="退回意见", widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(forms.Form):
    file = forms.FileField(label="申请台账（.xlsx 或 .csv）")
    dry_run = forms.BooleanField(label="试运行：只检查，不保存", required=False, initial=True)
