"""Background work of site inspection (django-tasks: immediate in development, the database worker in production)."""

from django_tasks import task

from .checks.external import update_external_links
from .mail import send_weekly_report
from .run import inspect_site


@task()
def check_external_links():
    """Check every stored external link, then refresh the findings so failures reach the dashboard."""
    links = update_external_links()
    inspect_site()
    return sum(1 for link in links if not link.ok)


@task()
def weekly_inspection():
    """A full inspection, the external links, and the weekly e-mail."""
    inspect_site()
    update_external_links()
    inspect_site()
    return send_weekly_report()
