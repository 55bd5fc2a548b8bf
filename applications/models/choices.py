"""The vocabularies of an application; outcomes are exactly the rows of annual-report Table 3 (2021 format)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from disclosure import annual_tables


class ApplicantType(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("法人或其他组织")


class OrganisationKind(models.TextChoices):
    """The five 法人或其他组织 columns of Table 3, in its order."""

    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_INTEREST = "public_interest", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER = "other", _("其他")


# Table 3 column of each applicant: 0 自然人, 1..5 the organisation kinds (6 is 总计).
ORGANISATION_KIND_COLUMN = {kind: i + 1 for i, kind in enumerate(OrganisationKind.values)}


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO_PASS = "hk_macao", _("港澳居民来往内地通行证")
    TAIWAN_PASS = "taiwan", _("台湾居民来往大陆通行证")
    FOREIGN_RESIDENCE = "foreign_residence", _("外国人永久居留身份证")
    OTHER = "other", _("其他有效身份证件")


class Channel(models.TextChoices):
    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    LETTER = "letter", _("信函")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")


class Carrier(models.TextChoices):
    """The form the information is wanted in."""

    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子文本（电子邮件）")
    DISC = "disc", _("光盘")
    OTHER = "other", _("其他")


class Delivery(models.TextChoices):
    """How the applicant gets it."""

    POST = "post", _("邮寄")
    COLLECT = "collect", _("自行领取")
    EMAIL = "email", _("电子邮件")
    ONLINE = "online", _("网上获取")


class State(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    CORRECTION = "correction", _("需补正")
    PROCESSING = "processing", _("办理中")
    THIRD_PARTY = "third_party", _("征求第三方意见")
    AWAITING_APPROVAL = "awaiting_approval", _("答复待审批")
    REPLIED = "replied", _("已答复")
    ARCHIVED = "archived", _("已归档")


OPEN_STATES = [State.REGISTERED, State.CORRECTION, State.PROCESSING, State.THIRD_PARTY, State.AWAITING_APPROVAL]
CLOSED_STATES = [State.REPLIED, State.ARCHIVED]


def _outcome_choices():
    choices = []
    for key, label, items in annual_tables.T3_GROUPS:
        group = label.split("（区分")[0]
        if not items:
            choices.append((key, group))
            continue
        for i, item in enumerate(items):
            choices.append((f"{key}{i + 1}", f"{group}：{item.split('.', 1)[1]}"))
    return choices


# The Table 3 result rows, keyed as the annual report's cells are (t3_<key>_<column>).
OUTCOME_CHOICES = _outcome_choices()
OUTCOMES = dict(OUTCOME_CHOICES)
assert list(OUTCOMES) == annual_tables.T3_RESULT_ROWS  # noqa: S101  (one-to-one with Table 3)

WITHHELD = [key for key in OUTCOMES if key.startswith("withheld")]
PROVIDED = ["disclosed", "partial"]
LAPSED_CORRECTION = "other1"
UNPAID_FEE = "other2"


class StepKind(models.TextChoices):
    """The steps an applicant sees on the status page."""

    REGISTERED = "registered", _("已登记")
    CORRECTION_REQUESTED = "correction_requested", _("需补正")
    CORRECTION_RECEIVED = "correction_received", _("补正已收到")
    THIRD_PARTY = "third_party", _("征求第三方意见")
    THIRD_PARTY_ANSWERED = "third_party_answered", _("第三方意见已收到")
    EXTENDED = "extended", _("已延期")
    REPLIED = "replied", _("已答复")
    ARCHIVED = "archived", _("已归档")


class LetterKind(models.TextChoices):
    CORRECTION = "correction", _("补正告知书")
    EXTENSION = "extension", _("延期答复告知书")
    REPLY = "reply", _("政府信息公开申请答复书")


class FeeMethod(models.TextChoices):
    """信息处理费 under 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号)."""

    NONE = "", _("不收费")
    PER_ITEM = "per_item", _("按件计收")
    PER_VOLUME = "per_volume", _("按量计收")


class AppealKind(models.TextChoices):
    """The three column groups of Table 4."""

    REVIEW = "review", _("行政复议")
    LAWSUIT = "lawsuit", _("行政诉讼（未经复议直接起诉）")
    LAWSUIT_AFTER_REVIEW = "lawsuit_after_review", _("行政诉讼（复议后起诉）")


class AppealResult(models.TextChoices):
    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")
