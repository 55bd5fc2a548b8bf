"""Protection of the public forms (comments, applications): rate limits, fill-time tokens, file type sniffing."""

import hashlib
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.utils import timezone

import filetype

from core.counters import consume
from core.models import RateLimitCounter

WINDOW_SECONDS = 3600
FORM_SIGNING_SALT = "consultations.comment-form"  # unchanged since the comment form: open forms keep working

# Content type detected from the bytes -> the file name extensions it may carry.
ALLOWED_TYPES = {
    "application/pdf": {".pdf"},
    "application/msword": {".doc"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
    "image/jpeg": {".jpg", ".jpeg"},
    "image/png": {".png"},
    "image/gif": {".gif"},
    "image/webp": {".webp"},
}
MAX_ATTACHMENTS = 3


def max_attachment_bytes():
    return getattr(settings, "GONGKAI_COMMENT_ATTACHMENT_MAX_MB", 10) * 1024 * 1024


# -- rate limits ----------------------------------------------------------------


def comment_rate_limit():
    return getattr(settings, "GONGKAI_COMMENT_RATE_LIMIT", 5)


def lookup_rate_limit():
    return getattr(settings, "GONGKAI_LOOKUP_RATE_LIMIT", 30)


def _window(now=None):
    now = now or timezone.now()
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % WINDOW_SECONDS, tz=UTC)


def contact_counter_key(contact_key, scope="comment"):
    """The counter key of a contact: hashed, so it fits the column and the counters hold no e-mail or phone."""
    return f"{scope}-contact:" + hashlib.sha256(contact_key.encode()).hexdigest()


def rate_limited(keys, limit):
    """Whether any of ``keys`` already used up ``limit`` in the current window (a cheap early refusal)."""
    return RateLimitCounter.objects.filter(key__in=keys, window_start=_window(), count__gte=limit).exists()


def take(keys, limit):
    """Count this submission for every key, atomically; returns the keys over ``limit`` (then nothing counts)."""
    window = _window()
    over = consume(RateLimitCounter, keys, window, limit)
    RateLimitCounter.objects.filter(window_start__lt=window - timedelta(days=1)).delete()
    return over


# -- fill-time token ----------------------------------------------------------------


def make_form_token(at=None):
    """A signed timestamp put in the form when it is shown."""
    return signing.dumps({"t": int(at if at is not None else time.time())}, salt=FORM_SIGNING_SALT)


def form_token_problem(token):
    """Why the token shows a bot or a stale form ("" when it is fine)."""
    try:
        data = signing.loads(token or "", salt=FORM_SIGNING_SALT, max_age=timedelta(days=1))
        started = int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return "expired"
    if time.time() - started < getattr(settings, "GONGKAI_COMMENT_MIN_FILL_SECONDS", 3):
        return "too_fast"
    return ""


# -- attachments ----------------------------------------------------------------


def sniff_attachment(upload):
    """The detected content type of an uploaded file, or raise ValueError with a Chinese message."""
    if upload.size > max_attachment_bytes():
        raise ValueError(f"附件“{upload.name}”超过{max_attachment_bytes() // (1024 * 1024)}MB。")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    suffix = Path(upload.name).suffix.lower()
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValueError(f"附件“{upload.name}”不是PDF、Word文档或图片，请检查文件内容。")
    if suffix not in ALLOWED_TYPES[kind.mime]:
        raise ValueError(f"附件“{upload.name}”的扩展名与文件内容不符。")
    return kind.mime
