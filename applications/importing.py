"""Import last year's register of applications from a spreadsheet (xlsx or CSV), all or nothing.

One application per row under a header row with the Chinese column names below; every problem is
reported with its line number, and a dry run checks everything without saving.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from applications.models import (
    ApplicantType,
    Application,
    Carrier,
    Channel,
    Delivery,
    IdType,
    OrganisationKind,
    State,
    Step,
    StepKind,
)
from applications.models.choices import OUTCOMES
from disclosure.models import Organisation

COLUMNS = {
    "申请机关": "organisation",
    "收到申请日期": "received_on",
    "申请渠道": "channel",
    "申请人类型": "applicant_type",
    "法人或其他组织类型": "organisation_kind",
    "姓名或名称": "name",
    "证件类型": "id_type",
    "证件号码": "id_number",
    "统一社会信用代码": "credit_code",
    "法定代表人或负责人": "legal_representative",
    "联系人": "contact_person",
    "联系电话": "phone",
    "电子邮箱": "email",
    "通信地址": "address",
    "所需信息名称": "info_title",
    "文号": "info_document_number",
    "所需信息的内容描述": "info_description",
    "信息的载体形式": "carrier",
    "获取信息的方式": "delivery",
    "办理结果": "outcome",
    "法律依据": "legal_basis",
    "答复内容": "reply_text",
    "不予公开的部分": "withheld_part",
    "不予公开部分的理由": "withheld_reason",
    "提供信息的方式": "provided_how",
    "答复日期": "replied_on",
}
REQUIRED = ["申请机关", "收到申请日期", "申请人类型", "姓名或名称", "联系电话", "所需信息名称"]
CHOICES = {
    "channel": Channel,
    "applicant_type": ApplicantType,
    "organisation_kind": OrganisationKind,
    "id_type": IdType,
    "carrier": Carrier,
    "delivery": Delivery,
}
DATE_FIELDS = ["received_on", "replied_on"]


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    errors: list = field(default_factory=list)
    dry_run: bool = False


def read_rows(name, content):
    """(line number, {header: text}) for every non-empty row of an xlsx or CSV file."""
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        rows = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    elif suffix == ".csv":
        text = content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
    else:
        raise ValueError("请上传 .xlsx 或 .csv 文件。")
    if not rows:
        raise ValueError("文件是空的。")
    header = [str(h).strip() for h in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ValueError(f"第1行（表头）缺少列：{'、'.join(missing)}。")
    for number, row in enumerate(rows[1:], start=2):
        if any(str(v).strip() for v in row):
            yield number, {h: row[i] if i < len(row) else "" for i, h in enumerate(header)}


def _date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    if not text:
        return None
    try:
        return date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError as exc:
        raise ValueError(f"日期“{value}”无法识别，请写成 2025-03-05。") from exc


def _choice(field_name, value):
    text = str(value).strip()
    if not text:
        return ""
    enum = CHOICES[field_name]
    for key, label in enum.choices:
        if text in (key, str(label)):
            return key
    raise ValueError(f"“{text}”不是可选的值（可选：{'、'.join(str(label) for _k, label in enum.choices)}）。")


def _outcome(value):
    text = str(value).strip()
    if not text:
        return ""
    for key, label in OUTCOMES.items():
        # "（三）不予公开：1.属于国家秘密" is also written "不予公开：属于国家秘密" or just "属于国家秘密".
        group, _sep, item = label.partition("：")
        group = re.sub(r"^（[一二三四五六七]）", "", group)
        item = re.sub(r"^\d+\.", "", item)
        if text in {key, label, group if not item else None, f"{group}：{item}", item or None}:
            return key
    raise ValueError(f"办理结果“{text}”不是年度报告表三的办理结果之一。")


def build(row, organisations):
    """An unsaved Application from one row, or raise ValueError / ValidationError."""
    values = {}
    for header, name in COLUMNS.items():
        raw = row.get(header, "")
        try:
            if name == "organisation":
                organisation = organisations.get(str(raw).strip())
                if organisation is None:
                    raise ValueError(f"没有名为“{raw}”的机构。")
                values[name] = organisation
            elif name in DATE_FIELDS:
                values[name] = _date(raw)
            elif name in CHOICES:
                values[name] = _choice(name, raw)
            elif name == "outcome":
                values[name] = _outcome(raw)
            else:
                values[name] = str(raw).strip()
        except ValueError as exc:
            raise ValueError(f"“{header}”：{exc}") from exc
    values["channel"] = values["channel"] or Channel.IN_PERSON
    values["carrier"] = values["carrier"] or Carrier.PAPER
    values["delivery"] = values["delivery"] or Delivery.POST
    if values["received_on"] is None:
        raise ValueError("“收到申请日期”：请填写日期。")
    if values["outcome"] and not values["replied_on"]:
        raise ValueError("“答复日期”：有办理结果的申请请填写答复日期。")
    application = Application(**values)
    application.state = State.ARCHIVED if application.outcome else State.REGISTERED
    if application.outcome:
        application.archived_on = application.replied_on
    application.full_clean(exclude=["number", "id_document", "provided_file"])
    return application


def _messages(exc):
    if isinstance(exc, ValidationError) and hasattr(exc, "message_dict"):
        labels = {
            name: str(Application._meta.get_field(name).verbose_name) for name in exc.message_dict if name != "__all__"
        }
        return [f"“{labels.get(name, '')}”：{'；'.join(messages)}" if name in labels else "；".join(messages)
                for name, messages in exc.message_dict.items()]  # fmt: skip
    return [str(exc)]


def import_applications(name, content, *, dry_run=False, user=None):
    """Check every row, then save all of them (unless ``dry_run`` or any row is wrong)."""
    result = ImportResult(dry_run=dry_run)
    try:
        rows = list(read_rows(name, content))
    except ValueError as exc:
        result.errors.append(str(exc))
        return result
    organisations = {org.name: org for org in Organisation.objects.all()}
    organisations.update({org.short_name: org for org in Organisation.objects.exclude(short_name="")})
    built = []
    for number, row in rows:
        result.rows += 1
        try:
            built.append(build(row, organisations))
        except (ValueError, ValidationError) as exc:
            result.errors.extend(f"第{number}行：{message}" for message in _messages(exc))
    if result.errors or dry_run:
        return result
    with transaction.atomic():
        for application in built:
            application.save()
            Step.objects.create(application=application, kind=StepKind.REGISTERED, on=application.received_on,
                                note="从申请台账导入。")  # fmt: skip
            if application.outcome:
                Step.objects.create(application=application, kind=StepKind.REPLIED, on=application.replied_on,
                                    note=application.outcome_label)  # fmt: skip
            result.created += 1
    return result
