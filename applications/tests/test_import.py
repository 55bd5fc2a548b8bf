"""An office switching to Gongkai imports last year's register from Excel or CSV, with a dry run first."""

import io

from django.core.management import CommandError, call_command
from django.urls import reverse

import pytest
from openpyxl import Workbook

from applications.models import Application, State
from applications.statistics import table3_cells

pytestmark = pytest.mark.django_db

HEADER = ["申请机关", "收到申请日期", "申请渠道", "申请人类型", "法人或其他组织类型", "姓名或名称", "证件类型", "证件号码",
          "统一社会信用代码", "法定代表人或负责人", "联系人", "联系电话", "所需信息名称", "所需信息的内容描述", "办理结果",
          "法律依据", "答复内容", "提供信息的方式", "答复日期"]  # fmt: skip
GOOD = [
    ["示例市财政局", "2025-03-04", "信函", "自然人", "", "林小雨", "居民身份证", "11010519491231002X", "", "", "",
     "13800001111", "2024年部门决算", "决算报表", "予以公开", "", "已提供。", "邮寄", "2025-03-20"],
    ["市财政局", "2025/12/29", "", "法人或其他组织", "商业企业", "示例市恒远建材有限公司", "", "", "91350100M000100Y43",
     "王总", "李经办", "0710-8881234", "采购合同", "合同文本", "", "", "", "", ""],
]  # fmt: skip


def xlsx(rows):
    book = Workbook()
    sheet = book.active
    for row in [HEADER, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_dry_run_then_import_from_xlsx_through_the_admin(client, organisation, admin_user):
    client.force_login(admin_user)
    url = reverse("applications_admin:import")
    upload = io.BytesIO(xlsx(GOOD))
    upload.name = "2025台账.xlsx"
    dry = client.post(url, {"file": upload, "dry_run": "on"})
    assert "检查通过：共 2 行" in dry.content.decode()
    assert not Application.objects.exists()
    upload = io.BytesIO(xlsx(GOOD))
    upload.name = "2025台账.xlsx"
    done = client.post(url, {"file": upload})
    assert "已导入 2 件申请" in done.content.decode()
    answered = Application.objects.get(name="林小雨")
    assert answered.state == State.ARCHIVED and answered.outcome == "disclosed" and answered.channel == "letter"
    open_one = Application.objects.get(credit_code="91350100M000100Y43")
    assert open_one.state == State.REGISTERED
    # Imported records count in the annual report: one answered in 2025, one carried forward.
    cells = table3_cells(organisation, 2025)
    assert cells["t3_disclosed_0"] == 1 and cells["t3_carry_forward_1"] == 1


def test_errors_are_reported_by_line_and_nothing_is_saved(organisation, tmp_path):
    bad = [
        GOOD[0],
        [*GOOD[0][:7], "110105194912310021", *GOOD[0][8:]],  # wrong check digit
        [*GOOD[0][:14], "全部公开", *GOOD[0][15:]],  # not a Table 3 outcome
        ["不存在的局", *GOOD[0][1:]],
    ]
    path = tmp_path / "register.csv"
    path.write_text("\n".join(",".join(row) for row in [HEADER, *bad]), encoding="utf-8-sig")
    with pytest.raises(CommandError, match="发现 3 处错误"):
        call_command("import_applications", str(path))
    assert not Application.objects.exists()


def test_command_dry_run_and_missing_columns(organisation, tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_text("\n".join(",".join(row) for row in [HEADER, GOOD[0]]), encoding="utf-8")
    call_command("import_applications", str(path), "--dry-run")
    assert "检查通过：共 1 行" in capsys.readouterr().out
    assert not Application.objects.exists()
    path.write_text("姓名或名称\n张三\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_applications", str(path))
    assert "第1行（表头）缺少列" in capsys.readouterr().err
