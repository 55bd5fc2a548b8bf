"""Credit codes, personal-data finders, 文号 normalisation and index-number patterns (no database)."""

from datetime import date

from django.core.exceptions import ValidationError

import pytest

from core.identifiers import (
    find_id_card_numbers,
    find_mobile_numbers,
    is_valid_id_card_number,
    is_valid_unified_social_credit_code,
    validate_unified_social_credit_code,
)
from core.text import normalise_document_number
from disclosure.index_numbers import (
    DEFAULT_INDEX_NUMBER_PATTERN,
    format_index_number,
    validate_index_number_pattern,
)

# --- unified social credit code ---------------------------------------------------

# Independent implementation of GB 32100-2015, used to build test data.
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc_with_check(first17):
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS))
    check = 31 - total % 31
    return first17 + CHARSET[0 if check == 31 else check]


def test_uscc_computed_by_algorithm():
    # Government organ (11) in Jingmen (420800), organisation code MB1234567.
    code = uscc_with_check("11420800MB1234567")
    assert code == "11420800MB12345675"
    assert is_valid_unified_social_credit_code(code)
    # Company (91) in Jingmen.
    code = uscc_with_check("91420800MA4912345")
    assert is_valid_unified_social_credit_code(code)
    # Check value 31 maps to "0": find a body whose sum is divisible by 31.
    body = next(
        f"9142080000000{n:04d}"
        for n in range(10000)
        if sum(CHARSET.index(c) * w for c, w in zip(f"9142080000000{n:04d}", WEIGHTS, strict=True)) % 31 == 0
    )
    assert uscc_with_check(body).endswith("0")
    assert is_valid_unified_social_credit_code(uscc_with_check(body))


@pytest.mark.parametrize(
    "code",
    [
        # Real-format codes; check characters verified with the algorithm above.
        "914403001922038216",
        "91440300708461136T",
        "91110000100017643K",
        "91350100M000100Y43",
    ],
)
def test_uscc_real_format_examples(code):
    assert uscc_with_check(code[:17]) == code
    assert is_valid_unified_social_credit_code(code)
    assert is_valid_unified_social_credit_code(code.lower())
    validate_unified_social_credit_code(code)


@pytest.mark.parametrize(
    "code",
    [
        "914403001922038217",  # wrong check digit
        "91440300708461136A",  # wrong check letter
        "91440300708461136",  # 17 characters
        "914403001922038216X",  # 19 characters
        "91440300I08461136T",  # I is not in the charset
        "91440300O08461136T",  # O
        "91440300Z08461136T",  # Z
        "91440300S08461136T",  # S
        "91440300V08461136T",  # V
        " 914403001922038216",
        "９１４４０３００１９２２０３８２１６",  # full-width
        "",
        None,
        914403001922038216,
    ],
)
def test_uscc_invalid(code):
    assert not is_valid_unified_social_credit_code(code)
    with pytest.raises(ValidationError) as excinfo:
        validate_unified_social_credit_code(code)
    assert excinfo.value.messages == ["统一社会信用代码应为18位，且校验位正确。"]
    assert excinfo.value.code == "invalid_unified_social_credit_code"


# --- document numbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "荆政办文〔2020〕6号",
        "荆政办文[2020]6号",
        "荆政办文［２０２０］６号",  # full-width brackets and digits
        "荆政办文 〔2020〕 6 号",
        "荆政办文【2020】6号",
        "荆政办文〖2020〗6号",
        "荆政办文﹝2020﹞6号",  # small tortoise shell brackets
        "荆政办文〘2020〙6号",
        "\u3000荆政办文\t〔２０２０〕\n6号\u200b ",
    ],
)
def test_normalise_document_number(raw):
    assert normalise_document_number(raw) == "荆政办文〔2020〕6号"


def test_normalise_document_number_full_width_letters():
    assert normalise_document_number("ＸＸ发［2021］１２号") == "XX发〔2021〕12号"
    assert normalise_document_number("荆政发〔2021〕12号") != (normalise_document_number("荆政发〔2021〕2号"))


# --- resident ID numbers -------------------------------------------------------------

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_with_check(first17):
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS))
    return first17 + "10X98765432"[total % 11]


VALID_X = "11010519491231002X"  # the GB 11643-1999 example
VALID_DIGIT = id_with_check("42080219850615123")  # Jingmen, born 1985-06-15
TODAY = date(2025, 6, 1)


def test_id_check_digit_helpers():
    assert id_with_check("11010519491231002") == VALID_X
    assert VALID_DIGIT == "420802198506151238"
    assert is_valid_id_card_number(VALID_X)
    assert is_valid_id_card_number(VALID_X.lower())
    assert is_valid_id_card_number(VALID_DIGIT)
    assert not is_valid_id_card_number("110105194912310021")  # wrong check digit
    assert not is_valid_id_card_number("420802198506151231")


def test_id_birth_date_must_be_real_and_in_range():
    born_1880 = id_with_check("44052418800101001")  # valid check, born 1880
    bad_date = id_with_check("42080219850230123")  # 30 February
    future = id_with_check("42080220300101123")
    just_born = id_with_check("42080220250601123")
    assert not is_valid_id_card_number(born_1880)
    assert not is_valid_id_card_number(bad_date)
    assert not is_valid_id_card_number(future)
    assert is_valid_id_card_number(just_born, today=TODAY)
    assert not is_valid_id_card_number(just_born, today=date(2025, 5, 31))
    text = f"{born_1880}、{bad_date}、{future}、{VALID_DIGIT}"
    assert find_id_card_numbers(text, today=TODAY) == [VALID_DIGIT]


def test_find_id_numbers_in_text_in_order():
    text = f"申请人张三，身份证号{VALID_DIGIT}；代理人身份证号码：{VALID_X.lower()}。"
    assert find_id_card_numbers(text) == [VALID_DIGIT, VALID_X]


def test_find_id_numbers_rejects_wrong_check_digit():
    assert find_id_card_numbers("身份证号420802198506151231") == []
    assert find_id_card_numbers("身份证号110105194912310021") == []


@pytest.mark.parametrize(
    "text",
    [
        f"1{VALID_DIGIT}",  # 19 digits
        f"{VALID_DIGIT}0",
        f"账号6222{VALID_DIGIT}0001",
        f"9{VALID_X}",
        f"１{VALID_DIGIT}",  # full-width digit before it
    ],
)
def test_find_id_numbers_ignores_longer_digit_runs(text):
    assert find_id_card_numbers(text) == []


def test_find_id_numbers_full_width():
    full_width = VALID_X.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    assert find_id_card_numbers(f"身份证：{full_width}") == [VALID_X]
    assert find_id_card_numbers("身份证：１１０１０５１９４９１２３１００２ｘ") == [VALID_X]


def test_find_id_numbers_next_to_letters_and_punctuation():
    assert find_id_card_numbers(f"ID:{VALID_DIGIT},tel") == [VALID_DIGIT]
    assert find_id_card_numbers(f"({VALID_X})") == [VALID_X]


# --- mobile numbers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("联系电话：13800138000。", ["13800138000"]),
        ("电话 138-0013-8000", ["13800138000"]),
        ("电话 138 0013 8000", ["13800138000"]),
        ("+86 138 0013 8000", ["13800138000"]),
        ("+86-13800138000", ["13800138000"]),
        ("+8613800138000", ["13800138000"]),
        ("8613800138000", ["13800138000"]),
        ("0086 139 0013 8000", ["13900138000"]),
        ("手机１３８００１３８０００", ["13800138000"]),  # full-width
        ("A:15912345678,B:19987654321", ["15912345678", "19987654321"]),
        ("0710-13800138000", ["13800138000"]),
    ],
)
def test_find_mobile_numbers(text, expected):
    assert find_mobile_numbers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "213800138000",  # longer digit run, leading digit
        "138001380001",  # longer digit run, trailing digit
        "138-0013-80001",
        "12800138000",  # second digit 2 is not a mobile prefix
        "1380013800",  # only 10 digits
        "0710-8123456",  # landline
        "身份证11010519491231002X",
        "420802198506151238",  # ID number containing mobile-like digits
        "86138001380",  # 86 followed by only 9 more digits
    ],
)
def test_find_mobile_numbers_no_match(text):
    assert find_mobile_numbers(text) == []


# --- index numbers ---------------------------------------------------------------------


def test_format_index_number_default_pattern():
    assert DEFAULT_INDEX_NUMBER_PATTERN == "{unit_code}/{year}-{serial:05d}"
    assert (
        format_index_number(
            DEFAULT_INDEX_NUMBER_PATTERN,
            unit_code="11420800MB1234567X",
            year=2024,
            serial=12,
        )
        == "11420800MB1234567X/2024-00012"
    )
    assert (
        format_index_number(unit_code="11420800MB1234567X", year=2024, serial=123456)
        == "11420800MB1234567X/2024-123456"
    )


def test_format_index_number_extra_placeholders():
    pattern = "{region_code}-{unit_code}-{category_code}/{year}-{serial:04d}"
    validate_index_number_pattern(pattern)
    result = format_index_number(
        pattern,
        unit_code="MB1234567",
        year=2025,
        serial=7,
        region_code="420800",
        category_code="01",
    )
    assert result == "420800-MB1234567-01/2025-0007"
    # Custom extras can be allowed explicitly.
    validate_index_number_pattern("{dept}/{serial}", extra_placeholders={"dept"})
    assert format_index_number("{dept}/{serial}", unit_code="x", year=1, serial=3, dept="D") == "D/3"


def test_format_index_number_missing_extra_value():
    with pytest.raises(ValidationError) as excinfo:
        format_index_number("{region_code}/{serial}", unit_code="U", year=2024, serial=1)
    assert excinfo.value.code == "missing_index_value"
    assert "{region_code}" in excinfo.value.messages[0]


@pytest.mark.parametrize(
    "pattern",
    [
        DEFAULT_INDEX_NUMBER_PATTERN,
        "{serial}",
        "{unit_code}-{year}-{serial:06d}",
        "{region_code}{category_code}{year}{serial:>5}",
        "索引号：{unit_code}/{year}/{serial:03d}",
    ],
)
def test_valid_index_patterns(pattern):
    validate_index_number_pattern(pattern)


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("{unit_code}/{year}", "missing_index_serial"),
        ("{unit_code}/{year}-{number:05d}", "unknown_index_placeholder"),
        ("{dept}/{serial}", "unknown_index_placeholder"),
        ("{unit_code.__class__}/{serial}", "invalid_index_placeholder"),
        ("{year[0]}/{serial}", "invalid_index_placeholder"),
        ("{}/{serial}", "invalid_index_placeholder"),
        ("{0}/{serial}", "invalid_index_placeholder"),
        ("{unit_code!r}/{serial}", "invalid_index_placeholder"),
        ("{serial:{width}}", "invalid_index_placeholder"),
        ("{unit_code}/{serial", "malformed_index_pattern"),
        ("{unit_code}}/{serial}", "malformed_index_pattern"),
        ("{unit_code}/{serial:05q}", "invalid_index_format_spec"),
        ("{unit_code:05d}/{serial}", "invalid_index_format_spec"),
        ("", "empty_index_pattern"),
    ],
)
def test_invalid_index_patterns(pattern, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_index_number_pattern(pattern)
    assert excinfo.value.code == code
    message = excinfo.value.messages[0]
    assert "索引号规则" in message


def test_format_index_number_rejects_unsafe_patterns():
    for pattern in ("{unit_code.__class__}{serial}", "{unit_code}", "{x}{serial}"):
        with pytest.raises(ValidationError):
            format_index_number(pattern, unit_code="U", year=2024, serial=1)
