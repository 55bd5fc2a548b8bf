"""The formal letters to an applicant as PDF (reportlab's built-in CJK font: no font files needed)."""

import io
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.utils import timezone

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from applications.models import Letter, LetterKind
from applications.models.application import ApplicationCounter
from applications.models.choices import OUTCOMES

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

REGULATION = "《中华人民共和国政府信息公开条例》"
REMEDIES = (
    "如对本答复不服，可以自收到本答复之日起60日内依法申请行政复议，"
    "或者自收到本答复之日起6个月内依法向人民法院提起行政诉讼。"
)
KIND_WORD = {LetterKind.CORRECTION: "补", LetterKind.EXTENSION: "延", LetterKind.REPLY: "答"}
LEGAL_BASIS = {LetterKind.CORRECTION: "第三十条", LetterKind.EXTENSION: "第三十三条第二款"}

# The article of the 条例 each Table 3 outcome rests on; the office adds the specific provision it applied.
OUTCOME_ARTICLE = {
    "disclosed": "第三十六条第（二）项",
    "partial": "第三十七条",
    "withheld1": "第十四条",
    "withheld2": "第十四条",
    "withheld3": "第十四条",
    "withheld4": "第十五条",
    "withheld5": "第十六条第一款",
    "withheld6": "第十六条第二款",
    "withheld7": "第十六条第二款",
    "withheld8": "第三十六条第（七）项",
    "unable1": "第三十六条第（四）项",
    "unable2": "第三十八条",
    "unable3": "第三十条",
    "refused1": "第三十九条第一款",
    "refused2": "第三十六条第（六）项",
    "refused3": "第三十九条第二款",
    "refused4": "第三十五条",
    "refused5": "第三十九条",
    "other1": "第三十条",
    "other2": "第四十二条",
    "other3": "第三十三条",
}


def cn_date(day):
    return f"{day.year}年{day.month}月{day.day}日"


def legal_basis(kind, application):
    """The legal basis stated in a letter: the article of the 条例, and the office's own citation."""
    if kind == LetterKind.REPLY:
        article = OUTCOME_ARTICLE.get(application.outcome, "第三十六条")
        basis = f"{REGULATION}第三十三条、{article}"
        if application.legal_basis:
            basis += f"；{application.legal_basis}"
        return basis
    return f"{REGULATION}{LEGAL_BASIS[kind]}"


def next_serial(application, kind, year):
    organisation = application.organisation
    number = ApplicationCounter.draw(organisation, year, f"letter-{kind}")
    prefix = organisation.short_name or organisation.name
    return f"{prefix}依申{KIND_WORD[kind]}〔{year}〕{number}号"


def _styles():
    body = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=21, firstLineIndent=24, wordWrap="CJK")
    return {
        "office": ParagraphStyle("office", fontName=FONT, fontSize=16, leading=26, alignment=TA_CENTER),
        "title": ParagraphStyle("title", fontName=FONT, fontSize=20, leading=32, alignment=TA_CENTER),
        "serial": ParagraphStyle("serial", fontName=FONT, fontSize=12, leading=20, alignment=TA_CENTER),
        "to": ParagraphStyle("to", fontName=FONT, fontSize=12, leading=21, wordWrap="CJK"),
        "body": body,
        "sign": ParagraphStyle("sign", parent=body, alignment=TA_RIGHT, firstLineIndent=0),
    }


def _paragraphs(kind, application, serial, issued_on):
    """The letter's text, paragraph by paragraph (kept apart from the layout so tests and templates read it)."""
    org = application.organisation
    lead = (
        f"本机关于{cn_date(application.received_on)}收到你（单位）提出的政府信息公开申请"
        f"（申请编号：{application.number}），申请获取“{application.info_title}”。"
    )
    paragraphs = [lead]
    if kind == LetterKind.CORRECTION:
        paragraphs += [
            f"经审查，你（单位）的申请内容不够明确。根据{legal_basis(kind, application)}的规定，"
            f"请于{cn_date(application.correction_due_on)}前对以下事项作出补正：",
            application.correction_request or "请明确所需政府信息的名称、文号或者便于本机关查询的其他特征性描述。",
            "答复期限自本机关收到补正后的申请之日起计算。"
            "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        ]
    elif kind == LetterKind.EXTENSION:
        paragraphs += [
            f"因{application.extension_reason}，本机关不能在法定期限内作出答复。"
            f"根据{legal_basis(kind, application)}的规定，经政府信息公开工作机构负责人同意，"
            f"答复期限延长{application.extension_days}个工作日，至{cn_date(application.deadline)}。",
        ]
    else:
        paragraphs.append(f"根据{legal_basis(kind, application)}的规定，现答复如下：")
        paragraphs.append(f"办理结果：{OUTCOMES.get(application.outcome, '')}。")
        paragraphs.extend(p for p in application.reply_text.splitlines() if p.strip())
        if application.outcome == "partial":
            paragraphs.append(f"不予公开的部分：{application.withheld_part}；理由：{application.withheld_reason}。")
        if application.provided_how:
            paragraphs.append(f"获取信息的方式：{application.provided_how}。")
        if application.fee_method:
            paragraphs.append(
                f"信息处理费：{application.get_fee_method_display()}"
                f"{f'（{application.fee_pages}页）' if application.fee_pages else ''}，{application.fee_amount}元"
                "（依据《政府信息公开信息处理费管理办法》）。"
            )
        paragraphs.append(REMEDIES)
    paragraphs.append(f"联系机构：{org.office_name or org.name}　联系电话：{org.office_phone or '—'}")
    return paragraphs


def letter_text(kind, application, serial, issued_on):
    """The whole text of a letter as plain lines (what the PDF shows)."""
    org = application.organisation
    return [
        org.name,
        str(LetterKind(kind).label),
        serial,
        f"{application.name}：",
        *_paragraphs(kind, application, serial, issued_on),
        org.name,
        cn_date(issued_on),
    ]


def render_pdf(kind, application, serial, issued_on):
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=37 * mm,
        bottomMargin=35 * mm,
        title=f"{LetterKind(kind).label} {serial}",
        author=application.organisation.name,
    )
    lines = letter_text(kind, application, serial, issued_on)
    office, title, serial_line, to, *body = lines
    *body, sign_org, sign_date = body
    story = [
        Paragraph(escape(office), styles["office"]),
        Paragraph(escape(title), styles["title"]),
        Paragraph(escape(serial_line), styles["serial"]),
        Spacer(1, 8 * mm),
        Paragraph(escape(to), styles["to"]),
        *(Paragraph(escape(text), styles["body"]) for text in body),
        Spacer(1, 14 * mm),
        Paragraph(escape(sign_org), styles["sign"]),
        Paragraph(escape(sign_date), styles["sign"]),
    ]
    document.build(story)
    return buffer.getvalue()


def issue_letter(kind, application, issued_on=None):
    """Number, render and keep one letter in the application's record."""
    issued_on = issued_on or timezone.localdate()
    serial = next_serial(application, kind, issued_on.year)
    letter = Letter(application=application, kind=kind, serial=serial, issued_on=issued_on)
    letter.file.save(f"{serial}.pdf", ContentFile(render_pdf(kind, application, serial, issued_on)), save=False)
    letter.save()
    return letter
