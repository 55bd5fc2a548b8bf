from django.core.management.base import BaseCommand

from applications.reminders import urgent_applications
from applications.tasks import daily_reminder


class Command(BaseCommand):
    help = "Queue the daily e-mail of overdue and due-soon applications (run once a day from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list the applications, send nothing")

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            for left, application in urgent_applications():
                self.stdout.write(f"{application.number}\t{application.deadline:%Y-%m-%d}\t{left}")
            return
        result = daily_reminder.enqueue()
        self.stdout.write(f"已排队期限提醒任务：{result.id}")
