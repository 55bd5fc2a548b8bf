"""The phone and e-mail a citizen gives on a public form: normal forms, checks, matching, no echo."""

import hmac
import re

from django import forms
from django.core.validators import EmailValidator

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


def contact_matches(submission, raw):
    """Whether ``raw`` is the phone or e-mail a submission (comment, application) was made with."""
    raw = (raw or "").strip()
    given = normalise_email(raw) if "@" in raw else normalise_phone(raw).replace("-", "")
    if not given:
        return False
    stored = [value for value in (submission.phone.replace("-", ""), submission.email) if value]
    return any(hmac.compare_digest(value.encode(), given.encode()) for value in stored)


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


class NoEchoTextInput(forms.TextInput):
    """A text input that never writes the submitted value back into the page (shared computers)."""

    def format_value(self, value):
        return None
