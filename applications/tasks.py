"""Background work of disclosure on request (django-tasks; schedule ``manage.py remind_applications`` daily)."""

from django_tasks import task

from applications.reminders import send_reminders
from applications.signals import refresh_open_deadlines


@task()
def daily_reminder():
    """Refresh the deadlines (the calendar may have changed) and e-mail the overdue and due-soon lists."""
    refresh_open_deadlines()
    return send_reminders()
