"""Public forms of a consultation: the comment form and the status lookup."""

import hashlib
import hmac
import re

from django import forms
from django.core.validators import EmailValidator

from consultations import guards
from consultations.models.comments import IdentityType

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")


def normalise_phone(value):
    value = (value or "").strip().replace(" ", "").replace("－", "-")
    if value.startswith("+86"):
        value = value[3:]
    return value.lstrip("-")


def normalise_email(value):
    return (value or "").strip().lower()


def contact_key(phone, email):
    phone = normalise_phone(phone).replace("-", "")
    return f"tel:{phone}" if phone else f"mail:{normalise_email(email)}"


def contact_matches(comment, raw):
    """Whether ``raw`` is the phone or e-mail the comment was submitted with."""
    raw = (raw or "").strip()
    given = normalise_email(raw) if "@" in raw else normalise_phone(raw).replace("-", "")
    if not given:
        return False
    stored = [value for value in (comment.phone.replace("-", ""), comment.email) if value]
    return any(hmac.compare_digest(value.encode(), given.encode()) for value in stored)


def body_hash(text):
    # Whitespace differences do not make a second comment.
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def checked_phone(value):
    """A typed phone number in its normal form; a clear error when it is neither a mobile nor a landline."""
    phone = normalise_phone(value)
    if phone and not (MOBILE_RE.match(phone) or LANDLINE_RE.match(phone)):
        raise forms.ValidationError("电话号码格式不正确，请填写11位手机号码或带区号的固定电话。")
    return phone


def checked_email(value):
    """A typed e-mail address in its normal form (empty stays empty); a clear error when it is malformed."""
    email = normalise_email(value)
    if email:
        try:
            EmailValidator()(email)
        except forms.ValidationError as exc:
            raise forms.ValidationError("电子邮箱格式不正确。") from exc
    return email


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


class NoEchoTextInput(forms.TextInput):
    """A text input that never writes the submitted value back into the page (shared computers)."""

    def format_value(self, value):
        return None


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
