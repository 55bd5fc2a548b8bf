"""A change to the working-day calendar moves the deadlines of every open application."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from applications.models import Application, CalendarYear
from applications.models.choices import OPEN_STATES
from core.calendar import calendar_overrides
from core.models import WorkingDayOverride


def refresh_open_deadlines():
    """Recompute and store the clock of every open application; returns how many changed."""
    overrides = calendar_overrides()
    confirmed = CalendarYear.confirmed_years()
    changed = 0
    for application in Application.objects.filter(state__in=OPEN_STATES).prefetch_related("consultations"):
        before = (application.deadline, application.deadline_provisional)
        application.refresh_deadline(overrides, confirmed)
        if (application.deadline, application.deadline_provisional) != before:
            Application.objects.filter(pk=application.pk).update(
                deadline=application.deadline, deadline_provisional=application.deadline_provisional
            )
            changed += 1
    return changed


@receiver([post_save, post_delete], sender=WorkingDayOverride)
@receiver([post_save, post_delete], sender=CalendarYear)
def calendar_changed(sender, **kwargs):
    refresh_open_deadlines()
