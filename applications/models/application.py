"""One request for government information (政府信息公开申请) and the statutory clock it runs on."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications import clock as statutory_clock
from applications import settings as rules
from applications.fees import fee_errors
from applications.models.calendar import CalendarYear
from applications.models.choices import (
    LAPSED_CORRECTION,
    OPEN_STATES,
    ORGANISATION_KIND_COLUMN,
    OUTCOME_CHOICES,
    OUTCOMES,
    PROVIDED,
    UNPAID_FEE,
    WITHHELD,
    ApplicantType,
    Carrier,
    Channel,
    Delivery,
    FeeMethod,
    IdType,
    OrganisationKind,
    State,
)
from core.calendar import calendar_overrides
from core.identifiers import is_valid_id_card_number, is_valid_unified_social_credit_code
from core.storage import private_storage


def id_document_path(instance, filename):
    return f"application-ids/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:10]}"


def provided_file_path(instance, filename):
    return f"application-replies/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:10]}"


class ApplicationCounter(models.Model):
    """The last serial issued per organisation, year and kind (申请编号, letter numbers); locked while drawn."""

    organisation = models.ForeignKey("disclosure.Organisation", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    kind = models.CharField(max_length=20)
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("申请编号计数器")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "kind"], name="unique_application_counter"),
        ]

    def __str__(self):
        return f"{self.organisation_id}/{self.year}/{self.kind}: {self.last_serial}"

    @classmethod
    def draw(cls, organisation, year, kind):
        with transaction.atomic():
            counter, _created = cls.objects.select_for_update().get_or_create(
                organisation=organisation, year=year, kind=kind
            )
            counter.last_serial += 1
            counter.save(update_fields=["last_serial"])
            return counter.last_serial


class Application(models.Model):
    """An application for disclosure, from receipt to archive; the applicant's details are never public."""

    number = models.CharField(_("申请编号"), max_length=40, unique=True, editable=False)
    organisation = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name=_("申请机关"),
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("申请所向的行政机关（本级政府或某一部门）。"),
    )
    channel = models.CharField(_("申请渠道"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    received_on = models.DateField(_("收到申请日期"), default=timezone.localdate)
    state = models.CharField(_("办理状态"), max_length=20, choices=State.choices, default=State.REGISTERED)

    # The applicant (personal data: only roles with applications.view_personal_data see it).
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantType.choices)
    organisation_kind = models.CharField(
        _("法人或其他组织类型"), max_length=20, choices=OrganisationKind.choices, blank=True
    )
    name = models.CharField(_("姓名或名称"), max_length=100)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField(_("证件号码"), max_length=40, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    legal_representative = models.CharField(_("法定代表人或负责人"), max_length=50, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    id_document = models.FileField(
        _("身份证明材料"), upload_to=id_document_path, storage=private_storage, blank=True, max_length=200
    )
    id_document_type = models.CharField(max_length=100, blank=True, editable=False)

    # The information wanted.
    info_title = models.CharField(_("所需信息名称"), max_length=200)
    info_document_number = models.CharField(_("文号"), max_length=100, blank=True)
    info_description = models.TextField(_("所需信息的内容描述"), blank=True)
    purpose = models.TextField(_("用途（选填）"), blank=True)
    carrier = models.CharField(_("信息的载体形式"), max_length=20, choices=Carrier.choices, default=Carrier.PAPER)
    delivery = models.CharField(_("获取信息的方式"), max_length=20, choices=Delivery.choices, default=Delivery.POST)

    # Handling.
    department = models.ForeignKey(
        "disclosure.Organisation",
        verbose_name=_("承办部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_applications",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    correction_requested_on = models.DateField(_("补正告知日期"), null=True, blank=True)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    correction_request = models.TextField(_("需要补正的事项"), blank=True)
    correction_received_on = models.DateField(_("收到补正日期"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延长工作日数"), default=0)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    extension_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("延期批准人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    extension_approved_on = models.DateField(_("延期批准日期"), null=True, blank=True)

    # The clock, recomputed on every save from the fields above (stored so lists sort and filter by it).
    deadline = models.DateField(_("答复期限"), null=True, blank=True, editable=False)
    deadline_provisional = models.BooleanField(_("期限为暂定"), default=False, editable=False)

    # The answer.
    outcome = models.CharField(_("办理结果"), max_length=20, choices=OUTCOME_CHOICES, blank=True)
    legal_basis = models.CharField(
        _("法律依据"), max_length=300, blank=True, help_text=_("如：《中华人民共和国政府信息公开条例》第十四条。")
    )
    reply_text = models.TextField(_("答复内容"), blank=True)
    withheld_part = models.TextField(_("不予公开的部分"), blank=True)
    withheld_reason = models.TextField(_("不予公开部分的理由"), blank=True)
    provided_how = models.CharField(
        _("提供信息的方式"),
        max_length=300,
        blank=True,
        help_text=_("予以公开或部分公开时填写：随答复书附送、网址或领取地点等。"),
    )
    provided_file = models.FileField(
        _("提供的信息（附件）"), upload_to=provided_file_path, storage=private_storage, blank=True, max_length=200
    )
    fee_method = models.CharField(_("信息处理费"), max_length=20, choices=FeeMethod.choices, blank=True)
    fee_amount = models.DecimalField(
        _("收费金额（元）"), max_digits=10, decimal_places=2, default=0, help_text=_("不超过收费标准的上限，可减免。")
    )
    fee_pages = models.PositiveIntegerField(_("提供信息的页数"), null=True, blank=True, help_text=_("按量计收时填写。"))
    fee_notice_on = models.DateField(_("收费通知日期"), null=True, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("起草人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审批人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)

    # Where the submission came from (for rate limits and abuse handling, never shown publicly).
    contact_key = models.CharField(max_length=254, editable=False, db_index=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        permissions = [
            ("view_personal_data", _("查看申请人个人信息")),
            ("handle_application", _("承办申请（起草答复）")),
            ("approve_application", _("审批延期和答复")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(applicant_type="person", organisation_kind="")
                | models.Q(applicant_type="organisation") & ~models.Q(organisation_kind=""),
                name="application_kind_matches_applicant",
            ),
            models.CheckConstraint(condition=models.Q(extension_days__lte=40), name="application_extension_bounded"),
            models.CheckConstraint(
                condition=models.Q(state__in=["replied", "archived"]) & ~models.Q(outcome="")
                | ~models.Q(state__in=["replied", "archived"]),
                name="application_closed_has_outcome",
            ),
        ]
        indexes = [models.Index(fields=["state", "deadline"])]

    def __str__(self):
        return f"{self.number} {self.info_title}"

    def save(self, *args, **kwargs):
        if not self.number:
            year = self.received_on.year
            serial = ApplicationCounter.draw(self.organisation, year, "application")
            self.number = f"YSQ-{year}-{self.organisation_id:03d}-{serial:05d}"
        if self.credit_code:
            self.credit_code = self.credit_code.upper()
        if self.id_number:
            self.id_number = self.id_number.upper()
        self.refresh_deadline()
        super().save(*args, **kwargs)

    # -- the applicant ---------------------------------------------------------------

    @property
    def table3_column(self):
        if self.applicant_type == ApplicantType.PERSON:
            return 0
        return ORGANISATION_KIND_COLUMN.get(self.organisation_kind, 5)

    @property
    def applicant_label(self):
        if self.applicant_type == ApplicantType.PERSON:
            return str(ApplicantType.PERSON.label)
        return f"{ApplicantType.ORGANISATION.label}（{self.get_organisation_kind_display()}）"

    # -- the clock -------------------------------------------------------------------

    def confirmed_years(self):
        return CalendarYear.confirmed_years()

    def clock(self, overrides=None, confirmed_years=None):
        pauses = [statutory_clock.Pause(c.sent_on, c.answered_on) for c in self.consultations.all()] if self.pk else []
        return statutory_clock.compute(
            self.received_on,
            correction_requested_on=self.correction_requested_on,
            correction_received_on=self.correction_received_on,
            pauses=pauses,
            extension_days=self.extension_days if self.extension_approved_on else 0,
            overrides=calendar_overrides() if overrides is None else overrides,
            confirmed_years=self.confirmed_years() if confirmed_years is None else confirmed_years,
        )

    def refresh_deadline(self, overrides=None, confirmed_years=None):
        current = self.clock(overrides, confirmed_years)
        self.deadline = current.deadline
        self.deadline_provisional = current.provisional
        return current

    def days_left(self, today=None, overrides=None):
        if self.state not in OPEN_STATES or self.deadline is None:
            return None
        today = today or timezone.localdate()
        return statutory_clock.working_days_left(self.deadline, today, overrides)

    @property
    def is_open(self):
        return self.state in OPEN_STATES

    def deadline_status(self, today=None):
        """ "overdue", "due_soon", "" (on time) or "paused" (waiting for the applicant's 补正)."""
        if not self.is_open:
            return ""
        if self.deadline is None:
            return "paused"
        left = self.days_left(today)
        if left < 0:
            return "overdue"
        if left <= rules.due_soon_days():
            return "due_soon"
        return ""

    # -- validation ------------------------------------------------------------------

    def clean(self):
        errors = {}
        if self.applicant_type == ApplicantType.PERSON:
            self.organisation_kind = ""
            if not self.id_type:
                errors["id_type"] = _("请选择证件类型。")
            if not self.id_number:
                errors["id_number"] = _("请填写证件号码。")
            elif self.id_type == IdType.RESIDENT_ID and not is_valid_id_card_number(self.id_number.upper()):
                errors["id_number"] = _("居民身份证号码应为18位，且校验位正确。")
        elif self.applicant_type == ApplicantType.ORGANISATION:
            if not self.organisation_kind:
                errors["organisation_kind"] = _("请选择法人或其他组织的类型。")
            if not is_valid_unified_social_credit_code((self.credit_code or "").upper()):
                errors["credit_code"] = _("统一社会信用代码应为18位，且校验位正确。")
            if not self.legal_representative:
                errors["legal_representative"] = _("请填写法定代表人或负责人。")
            if not self.contact_person:
                errors["contact_person"] = _("请填写联系人。")
        if not (self.info_document_number or self.info_description):
            errors["info_description"] = _("请填写文号或所需信息的内容描述，至少一项。")
        if self.extension_days > rules.extension_days():
            errors["extension_days"] = _("延长答复期限最长不超过%(n)s个工作日。") % {"n": rules.extension_days()}
        errors.update(self.outcome_errors())
        if errors:
            raise ValidationError(errors)

    def outcome_errors(self):
        """What the law requires with each outcome (Art. 36-37), as field -> message."""
        errors = {}
        if not self.outcome:
            return errors
        if not self.reply_text.strip():
            errors["reply_text"] = _("请填写答复内容。")
        if self.outcome in PROVIDED and not (self.provided_how.strip() or self.provided_file):
            errors["provided_how"] = _("予以公开或部分公开时，请附上信息或写明获取信息的方式。")
        if self.outcome == "partial":
            if not self.withheld_part.strip():
                errors["withheld_part"] = _("部分公开时，请写明不予公开的部分。")
            if not self.withheld_reason.strip():
                errors["withheld_reason"] = _("部分公开时，请写明不予公开部分的理由。")
        if (self.outcome in WITHHELD or self.outcome == "partial") and not self.legal_basis.strip():
            errors["legal_basis"] = _("不予公开（含部分公开）必须写明法律依据。")
        if self.outcome == LAPSED_CORRECTION and not self.correction_requested_on:
            errors["outcome"] = _("只有发出补正通知且申请人逾期未补正的申请，才能按“逾期不补正”处理。")
        if self.outcome == UNPAID_FEE and not (self.fee_method and self.fee_amount and self.fee_notice_on):
            errors["outcome"] = _("只有发出收费通知（写明收费方式、金额和通知日期）的申请，才能按“逾期未缴费”处理。")
        errors.update(fee_errors(self.fee_method, self.fee_amount, self.nth_this_month(), self.fee_pages))
        return errors

    def nth_this_month(self):
        """Which application of this applicant (same ID or credit code) in its natural month this one is."""
        identity = {"credit_code": self.credit_code} if self.credit_code else {"id_number": self.id_number}
        if not any(identity.values()):
            return 1
        month = Application.objects.filter(
            **identity, received_on__year=self.received_on.year, received_on__month=self.received_on.month
        ).exclude(pk=self.pk)
        same_day_before = (
            Q(received_on=self.received_on) if self.pk is None else Q(received_on=self.received_on, pk__lt=self.pk)
        )
        return month.filter(Q(received_on__lt=self.received_on) | same_day_before).count() + 1

    @property
    def state_display(self):
        return self.get_state_display()

    @property
    def channel_display(self):
        return self.get_channel_display()

    @property
    def outcome_label(self):
        return OUTCOMES.get(self.outcome, "")
