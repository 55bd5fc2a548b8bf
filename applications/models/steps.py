"""What happened to an application: the steps the applicant sees, third-party consultations, letters."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications import settings as rules
from applications.models.choices import LetterKind, StepKind
from core.calendar import add_working_days
from core.storage import private_storage


def letter_path(instance, filename):
    return f"application-letters/{uuid.uuid4().hex}.pdf"


class Letter(models.Model):
    """A formal notice to the applicant (补正告知书, 延期答复告知书, 答复书), kept as the PDF that was sent."""

    application = models.ForeignKey(
        "applications.Application", verbose_name=_("申请"), on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField(_("文书类型"), max_length=20, choices=LetterKind.choices)
    serial = models.CharField(_("文书编号"), max_length=60, unique=True)
    issued_on = models.DateField(_("发文日期"), default=timezone.localdate)
    file = models.FileField(_("文书"), upload_to=letter_path, storage=private_storage, max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issued_on", "pk"]
        verbose_name = _("告知文书")
        verbose_name_plural = _("告知文书")

    def __str__(self):
        return f"{self.get_kind_display()} {self.serial}"

    @property
    def filename(self):
        return f"{self.get_kind_display()}-{self.application.number}.pdf"


class Step(models.Model):
    """One step of an application as the applicant sees it on the status page (no internal remarks)."""

    application = models.ForeignKey(
        "applications.Application", verbose_name=_("申请"), on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(_("环节"), max_length=30, choices=StepKind.choices)
    on = models.DateField(_("日期"))
    note = models.TextField(_("说明"), blank=True)
    letter = models.ForeignKey(Letter, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")

    def __str__(self):
        return f"{self.on:%Y-%m-%d} {self.get_kind_display()}"


class ThirdPartyConsultation(models.Model):
    """A consultation of a third party or co-producing agency (Art. 32); its time does not count."""

    application = models.ForeignKey(
        "applications.Application", verbose_name=_("申请"), on_delete=models.CASCADE, related_name="consultations"
    )
    party = models.CharField(_("第三方"), max_length=100)
    sent_on = models.DateField(_("征求意见日期"))
    answered_on = models.DateField(_("收到意见日期"), null=True, blank=True)
    opinion = models.TextField(_("第三方意见"), blank=True)

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = _("征求第三方意见")
        verbose_name_plural = _("征求第三方意见")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_on__isnull=True) | models.Q(answered_on__gte=models.F("sent_on")),
                name="third_party_answer_after_sending",
            )
        ]

    def __str__(self):
        return f"{self.party} {self.sent_on:%Y-%m-%d}"

    def due_on(self, overrides=None):
        return add_working_days(self.sent_on, rules.third_party_days(), overrides)
