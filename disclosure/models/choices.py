"""The fixed vocabularies of catalogue metadata: rank, validity, disclosure method and scope."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rank(models.TextChoices):
    """效力等级."""

    RULE = "rule", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER = "other", _("其他文件")


class Validity(models.TextChoices):
    """有效性."""

    VALID = "valid", _("现行有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("已失效")


class DisclosureMethod(models.TextChoices):
    """公开方式."""

    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")


class DisclosureScope(models.TextChoices):
    """公开范围."""

    PUBLIC = "public", _("面向社会")
    SPECIFIC = "specific", _("特定群体")


SUMMARY_MAX_LENGTH = 300
