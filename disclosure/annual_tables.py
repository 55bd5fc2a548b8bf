"""Tables 2, 3 and 4 of the annual report in the national format (国办公开办函〔2021〕30号).

Every number is a named cell (``t3_new_0`` ...); a report stores them in one
JSON object.  This module knows the layout, builds the rows for rendering
(the same function serves the admin form and the public page) and checks
that the totals add up.
"""

from decimal import Decimal

# --- Table 2: 主动公开政府信息情况 -------------------------------------------------
T2_NORMATIVE_ROWS = [("rule", "规章"), ("normative", "行政规范性文件")]
T2_NORMATIVE_COLUMNS = [("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("valid", "现行有效件数")]
T2_DECISION_ROWS = [
    ("第二十条第（五）项", [("licensing", "行政许可")]),
    ("第二十条第（六）项", [("penalty", "行政处罚"), ("enforcement", "行政强制")]),
]
T2_FEE_CELL = "t2_fees_amount"
T2_CATALOGUE_CELLS = [f"t2_{row}_{col}" for row, _ in T2_NORMATIVE_ROWS for col, _ in T2_NORMATIVE_COLUMNS]
T2_CELLS = [*T2_CATALOGUE_CELLS, *(f"t2_{key}_decisions" for _, rows in T2_DECISION_ROWS for key, _ in rows)]

# --- Table 3: 收到和处理政府信息公开申请情况 ------------------------------------------
T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T3_GROUPS = [
    ("disclosed", "（一）予以公开", []),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", []),
    (
        "withheld",
        "（三）不予公开",
        [
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
            "4.保护第三方合法权益",
            "5.属于三类内部事务信息",
            "6.属于四类过程性信息",
            "7.属于行政执法案卷",
            "8.属于行政查询事项",
        ],
    ),
    (
        "unable",
        "（四）无法提供",
        ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"],
    ),
    (
        "refused",
        "（五）不予处理",
        [
            "1.信访举报投诉类申请",
            "2.重复申请",
            "3.要求提供公开出版物",
            "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息",
        ],
    ),
    (
        "other",
        "（六）其他处理",
        [
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "3.其他",
        ],
    ),
]


def _t3_row_keys():
    keys = ["new", "carried"]
    for key, _label, items in T3_GROUPS:
        keys.extend([key] if not items else [f"{key}{i + 1}" for i in range(len(items))])
    keys.extend(["total", "carry_forward"])
    return keys


T3_ROWS = _t3_row_keys()
T3_RESULT_ROWS = T3_ROWS[2:-2]
T3_CELLS = [f"t3_{row}_{col}" for row in T3_ROWS for col in range(len(T3_COLUMNS))]

# --- Table 4: 行政复议、行政诉讼 -----------------------------------------------------
T4_GROUPS = ["行政复议", "未经复议直接起诉", "复议后起诉"]
T4_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
T4_CELLS = [f"t4_{g}_{c}" for g in range(len(T4_GROUPS)) for c in range(len(T4_COLUMNS))]

INTEGER_CELLS = [*T2_CELLS, *T3_CELLS, *T4_CELLS]


def empty_tables():
    return {**dict.fromkeys(INTEGER_CELLS, 0), T2_FEE_CELL: "0"}


def _n(values, key):
    return int(values.get(key) or 0)


def validate_tables(values):
    """Cell -> message for every total that does not add up; empty when consistent."""
    errors = {}
    last = len(T3_COLUMNS) - 1
    for row in T3_ROWS:
        parts = sum(_n(values, f"t3_{row}_{col}") for col in range(last))
        if parts != _n(values, f"t3_{row}_{last}"):
            errors[f"t3_{row}_{last}"] = f"该行总计应为 {parts}（各类申请人之和）。"
    for col in range(len(T3_COLUMNS)):
        results = sum(_n(values, f"t3_{row}_{col}") for row in T3_RESULT_ROWS)
        if results != _n(values, f"t3_total_{col}"):
            errors.setdefault(f"t3_total_{col}", f"“（七）总计”应为 {results}（办理结果各项之和）。")
        received = _n(values, f"t3_new_{col}") + _n(values, f"t3_carried_{col}")
        handled = _n(values, f"t3_total_{col}") + _n(values, f"t3_carry_forward_{col}")
        if received != handled:
            errors.setdefault(
                f"t3_carry_forward_{col}",
                f"本年新收 + 上年结转（{received}）应等于办理结果总计 + 结转下年度（{handled}）。",
            )
    for group in range(len(T4_GROUPS)):
        parts = sum(_n(values, f"t4_{group}_{col}") for col in range(4))
        if parts != _n(values, f"t4_{group}_4"):
            errors[f"t4_{group}_4"] = f"{T4_GROUPS[group]}总计应为 {parts}。"
    return errors


def carried_over_mismatch(values, previous_values):
    """Columns where this year's 上年结转 differs from last year's 结转下年度."""
    return [
        (T3_COLUMNS[col], _n(values, f"t3_carried_{col}"), _n(previous_values, f"t3_carry_forward_{col}"))
        for col in range(len(T3_COLUMNS))
        if _n(values, f"t3_carried_{col}") != _n(previous_values, f"t3_carry_forward_{col}")
    ]


def _label(text, colspan=1, rowspan=1):
    return {"label": text, "colspan": colspan, "rowspan": rowspan}


def table3_rows():
    """Rows of (label cells, row key) in the national layout: three label columns with spans."""
    rows = [
        ([_label("一、本年新收政府信息公开申请数量", colspan=3)], "new"),
        ([_label("二、上年结转政府信息公开申请数量", colspan=3)], "carried"),
    ]
    result_rows = sum(max(1, len(items)) for _k, _l, items in T3_GROUPS) + 1
    first = True
    for key, label, items in T3_GROUPS:
        lead = [_label("三、本年度办理结果", rowspan=result_rows)] if first else []
        first = False
        if not items:
            rows.append(([*lead, _label(label, colspan=2)], key))
            continue
        for i, item in enumerate(items):
            cells = [*lead, _label(label, rowspan=len(items))] if i == 0 else []
            lead = []
            rows.append(([*cells, _label(item)], f"{key}{i + 1}"))
    rows.append(([_label("（七）总计", colspan=2)], "total"))
    rows.append(([_label("四、结转下年度继续办理", colspan=3)], "carry_forward"))
    return [{"labels": labels, "cells": [f"t3_{key}_{col}" for col in range(len(T3_COLUMNS))]} for labels, key in rows]


def table2_rows():
    return {
        "normative": [
            {"label": label, "cells": [f"t2_{row}_{col}" for col, _ in T2_NORMATIVE_COLUMNS]}
            for row, label in T2_NORMATIVE_ROWS
        ],
        "normative_columns": [label for _, label in T2_NORMATIVE_COLUMNS],
        "decisions": [
            {"article": article, "rows": [{"label": label, "cell": f"t2_{key}_decisions"} for key, label in rows]}
            for article, rows in T2_DECISION_ROWS
        ],
        "fee_cell": T2_FEE_CELL,
    }


def table4_cells():
    return [f"t4_{g}_{c}" for g in range(len(T4_GROUPS)) for c in range(len(T4_COLUMNS))]


def decimal_or_zero(value):
    try:
        return Decimal(str(value or "0"))
    except ArithmeticError:
        return Decimal("0")
