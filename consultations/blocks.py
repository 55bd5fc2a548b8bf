"""StreamField blocks of a consultation draft: chapters, numbered articles and free paragraphs."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_number(n):
    """1 -> 一, 10 -> 十, 23 -> 二十三, 105 -> 一百零五 (article numbers run well below 10,000)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return CHINESE_DIGITS[n]
    if n < 20:
        return "十" + (CHINESE_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CHINESE_DIGITS[n // 10] + "十" + (CHINESE_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        if rest == 0:
            tail = ""
        elif rest < 10:
            tail = "零" + CHINESE_DIGITS[rest]
        elif rest < 20:
            tail = "一" + chinese_number(rest)
        else:
            tail = chinese_number(rest)
        return CHINESE_DIGITS[n // 100] + "百" + tail
    return str(n)


def article_label(n):
    return f"第{chinese_number(n)}条"


class ChapterBlock(blocks.StructBlock):
    """A chapter heading (第一章 总则); chapters are numbered by the editor as they often have names only."""

    title = blocks.CharBlock(label=_("章标题"), max_length=100, help_text=_("如“第一章 总则”。"))

    class Meta:
        icon = "title"
        label = _("章")
        template = "consultations/blocks/chapter_block.html"
        group = _("条文")
        preview_value = {"title": "第一章 总则"}


class ArticleBlock(blocks.StructBlock):
    """One article of the draft; its number (第一条 ...) is derived from its position."""

    text = blocks.RichTextBlock(
        label=_("条文内容"),
        features=["bold", "ol", "ul"],
        help_text=_("不要输入“第X条”，编号由系统按顺序自动生成。"),
    )

    class Meta:
        icon = "list-ol"
        label = _("条")
        template = "consultations/blocks/article_block.html"
        group = _("条文")
        preview_value = {"text": "<p>为规范社区居家养老服务，制定本办法。</p>"}


class DraftStreamBlock(blocks.StreamBlock):
    """The draft under consultation."""

    chapter = ChapterBlock()
    article = ArticleBlock()
    paragraph = blocks.RichTextBlock(
        label=_("段落"),
        features=["bold", "italic", "ol", "ul", "link"],
        template="blocks/paragraph_block.html",
        group=_("文字"),
    )
