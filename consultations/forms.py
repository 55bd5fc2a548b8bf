"""Public forms of a consultation: the comment form and the status lookup."""

import hashlib

from django import forms

from consultations.models.comments import IdentityType
from core import guards
from core.contact import NoEchoTextInput, checked_email, checked_phone, contact_key


def body_hash(text):
    # Whitespace differences do not make a second comment.
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class CommentForm(forms.Form):
    """A citizen's comment; the honeypot and the signed start time catch most scripts."""

    name = forms.CharField(
        label="姓名或单位名称",
        required=False,
        max_length=100,
        help_text="选填，可匿名。不会公开。",
        error_messages={"max_length": "姓名或单位名称不能超过100个字。"},
    )
    identity_type = forms.ChoiceField(
        label="身份类型",
        choices=IdentityType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择身份类型。", "invalid_choice": "请选择身份类型。"},
    )
    phone = forms.CharField(
        label="手机号码或固定电话",
        required=False,
        max_length=30,
        help_text="电话和电子邮箱至少填写一项，仅用于联系您和查询办理结果，不会公开。",
        error_messages={"max_length": "电话号码格式不正确。"},
    )
    email = forms.CharField(
        label="电子邮箱",
        required=False,
        max_length=254,
        error_messages={"max_length": "电子邮箱格式不正确。"},
    )
    article = forms.ChoiceField(
        label="针对条款",
        required=False,
        error_messages={"invalid_choice": "请从列表中选择条款。"},
    )
    body = forms.CharField(
        label="意见内容",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="10至5000字。请勿填写身份证号等个人信息。",
        error_messages={"required": "请填写意见内容。"},
    )
    attachments = MultipleFileField(
        label="附件",
        required=False,
        help_text="选填，最多3个，支持PDF、Word文档和图片，每个不超过10MB。",
        error_messages={"invalid": "附件上传失败，请重新选择文件。", "empty": "附件是空文件。"},
    )
    consent = forms.BooleanField(
        label="我已阅读并同意隐私声明：所填联系方式仅用于意见办理和结果查询，不会公开。",
        error_messages={"required": "请阅读并同意隐私声明。"},
    )
    # Left empty by people (hidden from view and from the tab order); scripts fill it in.
    website = forms.CharField(label="请勿填写此项", required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.consultation = consultation
        self.fields["article"].choices = [("", "不针对具体条款（总体意见）"), *consultation.article_choices()]
        self.fields["started"].initial = guards.make_form_token()
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        self.fields["attachments"].widget.attrs["accept"] = ".pdf,.doc,.docx,.jpg,.jpeg,.png,.gif,.webp"
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields["email"].widget.attrs.update(autocomplete="email", inputmode="email")
        self.fields["body"].widget.attrs.update(maxlength="5000")
        self.is_bot = False
        self._describe_fields()

    def _describe_fields(self):
        """Tie each input to its help text and error message for screen readers."""
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

    def clean_phone(self):
        return checked_phone(self.cleaned_data["phone"])

    def clean_email(self):
        return checked_email(self.cleaned_data["email"])

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\r\n", "\n").strip()
        if len(body) < 10:
            raise forms.ValidationError(f"意见内容不能少于10个字（当前{len(body)}个字）。")
        if len(body) > 5000:
            raise forms.ValidationError(f"意见内容不能超过5000个字（当前{len(body)}个字）。")
        return body

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > guards.MAX_ATTACHMENTS:
            raise forms.ValidationError(f"最多上传{guards.MAX_ATTACHMENTS}个附件。")
        errors = []
        checked = []
        for upload in files:
            try:
                checked.append((upload, guards.sniff_attachment(upload)))
            except ValueError as exc:
                errors.append(str(exc))
        if errors:
            raise forms.ValidationError(errors)
        return checked

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
        contact_given = cleaned.get("phone") or cleaned.get("email")
        if not contact_given and "phone" not in self.errors and "email" not in self.errors:
            self.add_error("phone", "请填写电话或电子邮箱，至少一项。")
        return cleaned

    @property
    def contact_key(self):
        return contact_key(self.cleaned_data.get("phone"), self.cleaned_data.get("email"))


class StatusLookupForm(forms.Form):
    """Find one's comment by its tracking code and the phone or e-mail given with it."""

    code = forms.CharField(
        label="查询码", max_length=30, error_messages={"required": "请填写查询码。", "max_length": "查询码不正确。"}
    )
    contact = forms.CharField(
        label="提交时填写的电话或电子邮箱",
        max_length=254,
        widget=NoEchoTextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": "请填写提交意见时填写的电话或电子邮箱。"},
    )
