"""Reference data editors choose from: organisations, subject categories, document genres."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from core.identifiers import validate_unified_social_credit_code
from disclosure.index_numbers import DEFAULT_INDEX_NUMBER_PATTERN, validate_index_number_pattern


class Organisation(index.Indexed, models.Model):
    """A government body that issues documents and answers for their disclosure (发布机构 / 公开主体)."""

    name = models.CharField(_("机构名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    unit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        validators=[validate_unified_social_credit_code],
        help_text=_("18位，用于生成索引号。"),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    index_number_pattern = models.CharField(
        _("索引号格式"),
        max_length=100,
        default=DEFAULT_INDEX_NUMBER_PATTERN,
        validators=[validate_index_number_pattern],
        help_text=_("可用占位符：{unit_code}、{year}、{serial:05d}。"),
    )
    region_code = models.CharField(
        _("行政区划代码"), max_length=12, blank=True, help_text=_("索引号格式使用 {region_code} 时填写。")
    )
    office_name = models.CharField(_("政务公开工作机构"), max_length=100, blank=True)
    office_address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    office_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    office_fax = models.CharField(_("传真"), max_length=50, blank=True)
    office_postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    office_email = models.EmailField(_("电子邮箱"), blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("unit_code"),
        FieldPanel("parent"),
        FieldPanel("index_number_pattern"),
        FieldPanel("region_code"),
        FieldPanel("sort_order"),
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("office_address"),
                FieldPanel("office_hours"),
                FieldPanel("office_phone"),
                FieldPanel("office_fax"),
                FieldPanel("office_postcode"),
                FieldPanel("office_email"),
            ],
            heading=_("政务公开工作机构联系方式"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("short_name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("机构")
        verbose_name_plural = _("机构")

    def __str__(self):
        return self.name


class SubjectCategory(models.Model):
    """A subject category of the disclosure catalogue (主题分类), two levels deep."""

    name = models.CharField(_("名称"), max_length=50)
    code = models.CharField(
        _("分类代码"), max_length=20, blank=True, help_text=_("索引号格式使用 {category_code} 时填写。")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级分类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("parent"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="unique_subject_name_per_parent")]

    def __str__(self):
        if self.parent_id:
            return f"{self.parent.name} / {self.name}"
        return self.name

    def clean(self):
        if self.parent_id and self.parent.parent_id:
            raise ValidationError({"parent": _("主题分类最多两级。")})

    def with_children_ids(self):
        """This category and its sub-categories, for filtering a top-level category."""
        return [self.pk, *self.children.values_list("pk", flat=True)]


class Genre(models.Model):
    """A document genre (公文种类): the 15 official types plus 办法/规定/细则."""

    name = models.CharField(_("名称"), max_length=20, unique=True)
    is_normative = models.BooleanField(_("常用于规范性文件"), default=False)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    panels = [FieldPanel("name"), FieldPanel("is_normative"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("公文种类")
        verbose_name_plural = _("公文种类")

    def __str__(self):
        return self.name
