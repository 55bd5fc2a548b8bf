"""Index numbers (索引号): the configurable pattern, its validation and formatting.

Numbers are drawn from the locked per-organisation counter in ``disclosure.models.numbering``.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from functools import lru_cache

from django.core.exceptions import ValidationError

DEFAULT_INDEX_NUMBER_PATTERN = "{unit_code}/{year}-{serial:05d}"
INDEX_NUMBER_PLACEHOLDERS = frozenset({"unit_code", "year", "serial"})
INDEX_NUMBER_OPTIONAL_PLACEHOLDERS = frozenset({"region_code", "category_code"})

# Sample values used to check that format specs are usable.
_SAMPLE_VALUES = {
    "unit_code": "11420800MB1234567X",
    "year": 2024,
    "serial": 1,
    "region_code": "420800",
    "category_code": "A",
}

_formatter = string.Formatter()


def _invalid_pattern(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


@lru_cache(maxsize=256)
def _pattern_fields(pattern: str) -> tuple[str, ...]:
    """Field names used in ``pattern``; raises ValidationError if unsafe/invalid."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise _invalid_pattern("索引号规则不能为空。", "empty_index_pattern")
    try:
        parsed = list(_formatter.parse(pattern))
    except ValueError as exc:
        raise _invalid_pattern("索引号规则格式错误：花括号不匹配。", "malformed_index_pattern") from exc
    fields = []
    for _literal, field_name, format_spec, conversion in parsed:
        if field_name is None:
            continue
        if not field_name.isidentifier():
            # Positional ({} / {0}) or attribute / index access ({year.real}).
            raise _invalid_pattern(
                f"索引号规则中的占位符“{{{field_name}}}”无效，"
                "只能使用命名占位符，如 {unit_code}、{year}、{serial}。",
                "invalid_index_placeholder",
            )
        if conversion is not None or (format_spec and "{" in format_spec):
            raise _invalid_pattern(
                f"索引号规则中的占位符“{{{field_name}}}”格式不受支持。",
                "invalid_index_placeholder",
            )
        fields.append(field_name)
    return tuple(fields)


def _check_fields(fields: tuple[str, ...], allowed: frozenset[str]) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        names = "、".join(f"{{{name}}}" for name in unknown)
        available = "、".join(f"{{{name}}}" for name in sorted(allowed))
        raise _invalid_pattern(
            f"索引号规则包含未知占位符：{names}。可用占位符：{available}。",
            "unknown_index_placeholder",
        )
    if "serial" not in fields:
        raise _invalid_pattern(
            "索引号规则必须包含流水号占位符 {serial}，例如 {serial:05d}。",
            "missing_index_serial",
        )


def validate_index_number_pattern(
    pattern: str,
    extra_placeholders: Iterable[str] = INDEX_NUMBER_OPTIONAL_PLACEHOLDERS,
) -> None:
    """Validate an index number (索引号) pattern; raises ``ValidationError``.

    The pattern is a ``str.format`` template with named placeholders only (no
    positional fields, attribute/index access or ``!r`` conversions).  It must
    contain ``{serial...}``; allowed placeholders are ``unit_code``, ``year``,
    ``serial`` plus ``extra_placeholders`` (by default ``region_code`` and
    ``category_code``).  Format specs are checked by formatting sample values
    (strings for ``unit_code`` / ``region_code`` / ``category_code`` and any
    other extra placeholder, integers for ``year`` and ``serial``).
    """
    fields = _pattern_fields(pattern)
    _check_fields(fields, INDEX_NUMBER_PLACEHOLDERS | frozenset(extra_placeholders))
    sample = {name: _SAMPLE_VALUES.get(name, "X") for name in fields}
    try:
        pattern.format(**sample)
    except (ValueError, TypeError) as exc:
        raise _invalid_pattern(
            "索引号规则中的格式说明无效，请检查冒号后的格式（如 {serial:05d}）。",
            "invalid_index_format_spec",
        ) from exc


def format_index_number(
    pattern: str = DEFAULT_INDEX_NUMBER_PATTERN,
    *,
    unit_code: str,
    year: int,
    serial: int,
    **extra: object,
) -> str:
    """Build an index number (索引号) from ``pattern``.

    >>> format_index_number(unit_code="11420800MB1234567X", year=2024, serial=12)
    '11420800MB1234567X/2024-00012'

    Extra placeholders (e.g. ``region_code``, ``category_code``) are passed as
    keyword arguments.  The placeholders are checked first (named only, no
    attribute access, ``{serial}`` present, every placeholder supplied), so an
    unsafe or incomplete pattern raises ``ValidationError`` instead of leaking
    attributes or raising ``KeyError``.
    """
    fields = _pattern_fields(pattern)
    missing = sorted((set(fields) - INDEX_NUMBER_PLACEHOLDERS) - extra.keys())
    if missing:
        names = "、".join(f"{{{name}}}" for name in missing)
        raise _invalid_pattern(
            f"索引号规则使用了占位符 {names}，但未提供其取值。",
            "missing_index_value",
        )
    _check_fields(fields, INDEX_NUMBER_PLACEHOLDERS | frozenset(extra))
    return pattern.format(unit_code=unit_code, year=year, serial=serial, **extra)
