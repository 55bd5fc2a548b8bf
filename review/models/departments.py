"""The link from a Wagtail group to the department (organisation) and role it stands for."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class DepartmentGroup(models.Model):
    """Marks a Wagtail group as one role of one department, e.g. "信息员-市财政局"."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("信息员")
        FIRST_REVIEWER = "first_reviewer", _("初审")

    group = models.OneToOneField(Group, verbose_name=_("用户组"), on_delete=models.CASCADE, related_name="department")
    organisation = models.ForeignKey(
        "disclosure.Organisation", verbose_name=_("部门"), on_delete=models.CASCADE, related_name="review_groups"
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("部门用户组")
        verbose_name_plural = _("部门用户组")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "role"], name="unique_department_role"),
        ]
        permissions = [("view_review_records", _("查看审核记录和审核统计"))]

    def __str__(self):
        return self.group.name
