"""StreamField blocks shared by every content page (news, documents, interpretations, drafts)."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; levels are limited so the page keeps one h1."""

    text = blocks.CharBlock(label=_("标题文字"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("级别"),
        choices=[("h2", _("二级标题")), ("h3", _("三级标题")), ("h4", _("四级标题"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("标题")
        template = "blocks/heading_block.html"
        group = _("文字")
        preview_value = {"text": "一、总体要求", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    """An image with required alternative text for screen readers."""

    image = ImageChooserBlock(label=_("图片"))
    alt_text = blocks.CharBlock(
        label=_("替代文字"),
        max_length=250,
        help_text=_("供读屏软件朗读的图片说明，必填。"),
    )
    caption = blocks.CharBlock(label=_("图片说明"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("图片")
        template = "blocks/image_block.html"
        group = _("媒体")


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document in the library, shown with its type and size."""

    document = DocumentChooserBlock(label=_("文件"))
    title = blocks.CharBlock(label=_("链接文字"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        label = _("文件链接")
        template = "blocks/document_link_block.html"
        group = _("媒体")


class BodyStreamBlock(blocks.StreamBlock):
    """The body of every article-like page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("段落"),
        features=["bold", "italic", "ol", "ul", "link", "document-link", "hr"],
        template="blocks/paragraph_block.html",
        group=_("文字"),
        preview_value="<p>为进一步做好政务公开工作，现就有关事项通知如下。</p>",
    )
    image = ImageBlock()
    table = TableBlock(label=_("表格"), template="blocks/table_block.html", group=_("文字"))
    document = DocumentLinkBlock()

    class Meta:
        block_counts = {}
