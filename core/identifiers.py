"""Identifiers of people and bodies: credit-code check digits and the personal-data finders.

Pure Python (only ``django.core.exceptions.ValidationError`` is imported from
Django), so everything here can be used and tested without a database.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError

__all__ = [
    "find_bank_card_numbers",
    "find_id_card_numbers",
    "find_mobile_numbers",
    "is_valid_id_card_number",
    "is_valid_unified_social_credit_code",
    "luhn_valid",
    "unified_social_credit_code",
    "uscc_check_character",
    "validate_unified_social_credit_code",
]

# ---------------------------------------------------------------------------
# Unified social credit code (统一社会信用代码), GB 32100-2015
# ---------------------------------------------------------------------------

# 31 characters: digits and upper-case letters except I, O, Z, S, V.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {ch: i for i, ch in enumerate(USCC_CHARSET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

USCC_INVALID_MESSAGE = "统一社会信用代码应为18位，且校验位正确。"


def uscc_check_character(first17: str) -> str:
    """Return the GB 32100-2015 check character for the first 17 characters.

    Raises ``ValueError`` if the input is not 17 characters from the charset.
    """
    body = first17.upper()
    if len(body) != 17 or any(ch not in _USCC_VALUES for ch in body):
        raise ValueError("expected 17 characters from the USCC charset")
    total = sum(_USCC_VALUES[ch] * w for ch, w in zip(body, _USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def unified_social_credit_code(prefix: str, serial: int) -> str:
    """A valid credit code made of ``prefix``, ``serial`` zero-padded to 17 characters and the check character.

    For demo and sample organisations; real ones come from the organisation's own registration.
    """
    body = f"{prefix}{serial:0{17 - len(prefix)}d}"
    return body + uscc_check_character(body)


def sample_id_card_number(n: int) -> str:
    """A well-formed resident ID number (check character right) of a made-up person born in 1985, for samples."""
    first17 = f"420102198503{(n % 28) + 1:02d}{n % 1000:03d}"
    return first17 + id_card_check_character(first17)


def is_valid_unified_social_credit_code(code: str) -> bool:
    """Whether ``code`` is an 18-character credit code with a correct check digit.

    Lower-case letters are accepted (compared upper-cased).  Surrounding or
    embedded whitespace is not.
    """
    if not isinstance(code, str) or len(code) != 18:
        return False
    code = code.upper()
    if any(ch not in _USCC_VALUES for ch in code):
        return False
    return uscc_check_character(code[:17]) == code[17]


def validate_unified_social_credit_code(value) -> None:
    """Django validator for unified social credit codes."""
    if not is_valid_unified_social_credit_code(value):
        raise ValidationError(
            USCC_INVALID_MESSAGE,
            code="invalid_unified_social_credit_code",
            params={"value": value},
        )


# ---------------------------------------------------------------------------
# Personal data detection
# ---------------------------------------------------------------------------

# Full-width ASCII variants (U+FF01..U+FF5E) to ASCII and the ideographic space
# to a plain space.  A targeted mapping rather than NFKC so that other
# compatibility characters (e.g. superscript digits) cannot create digit runs.
_HALF_WIDTH = str.maketrans({chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)} | {"\u3000": " "})

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_CANDIDATE_RE = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
_ID_MIN_BIRTH = date(1900, 1, 1)

_MOBILE_SEP = r"[ \t\u00a0-]?"
_MOBILE_RE = re.compile(
    # Either a +86 / 0086 / 86 prefix not preceded by a digit, or no prefix and
    # the number itself not preceded by a digit.
    r"(?:(?<![0-9+])(?:\+|00)?86" + _MOBILE_SEP + r"|(?<![0-9]))"
    r"(1[3-9][0-9])" + _MOBILE_SEP + r"([0-9]{4})" + _MOBILE_SEP + r"([0-9]{4})"
    r"(?![0-9])"
)


def _to_half_width(text: str) -> str:
    return text.translate(_HALF_WIDTH)


def id_card_check_character(first17: str) -> str:
    """GB 11643-1999 check character (0-9 or X) for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("expected 17 ASCII digits")
    total = sum(int(ch) * w for ch, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def is_valid_id_card_number(number: str, *, today: date | None = None) -> bool:
    """Whether ``number`` is a valid 18-digit mainland resident ID number.

    Checks the GB 11643-1999 check character (``x`` accepted for ``X``) and that
    the embedded birth date is a real date between 1900-01-01 and ``today``.
    """
    if not isinstance(number, str) or len(number) != 18:
        return False
    number = number.upper()
    body = number[:17]
    if not (body.isascii() and body.isdigit()):
        return False
    if id_card_check_character(body) != number[17]:
        return False
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return _ID_MIN_BIRTH <= birth <= (today or date.today())


def find_id_card_numbers(text: str, *, today: date | None = None) -> list[str]:
    """Valid 18-digit resident ID numbers appearing in ``text``, in order.

    Full-width digits are normalised before scanning; matches are returned in
    that normalised form with an upper-case ``X``.  A candidate that is part of
    a longer run of digits is ignored.
    """
    text = _to_half_width(text)
    today = today or date.today()
    found = []
    for match in _ID_CANDIDATE_RE.finditer(text):
        candidate = match.group().upper()
        if is_valid_id_card_number(candidate, today=today):
            found.append(candidate)
    return found


def find_mobile_numbers(text: str) -> list[str]:
    """Mainland mobile numbers (1[3-9] + 9 digits) appearing in ``text``, in order.

    Accepts an optional ``+86`` / ``86`` / ``0086`` prefix and single spaces or
    hyphens between the 3-4-4 groups ("138-0013-8000", "+86 138 0013 8000").
    Numbers that are part of a longer run of digits are ignored.  Each match
    is returned as its 11 bare digits.
    """
    text = _to_half_width(text)
    return ["".join(m.groups()) for m in _MOBILE_RE.finditer(text)]


# Bank cards: 16-19 digits, in groups of four separated by one space or hyphen, or bare.
_BANK_CARD_RE = re.compile(r"(?<![0-9])[0-9]{4}(?:[ \u00a0-]?[0-9]{4}){3}(?:[ \u00a0-]?[0-9]{1,3})?(?![0-9])")
# Issuer prefixes of cards used in China: UnionPay 62, Visa 4, Mastercard 51-55/22-27, JCB 35.
_BANK_CARD_PREFIX_RE = re.compile(r"62|4|5[1-5]|2[2-7]|35")


def luhn_valid(digits: str) -> bool:
    """Whether a digit string passes the Luhn (mod 10) check used by bank card numbers."""
    if not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def find_bank_card_numbers(text: str) -> list[str]:
    """Bank card numbers (16-19 digits, card issuer prefix, Luhn check) in ``text``, as bare digits.

    An 18-digit run that is a valid resident ID number is left to ``find_id_card_numbers``.
    """
    text = _to_half_width(text)
    found = []
    for match in _BANK_CARD_RE.finditer(text):
        digits = re.sub(r"[^0-9]", "", match.group())
        if not 16 <= len(digits) <= 19 or not _BANK_CARD_PREFIX_RE.match(digits):
            continue
        if len(digits) == 18 and is_valid_id_card_number(digits):
            continue
        if luhn_valid(digits):
            found.append(digits)
    return found
