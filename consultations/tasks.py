"""Background work of consultations (django-tasks: immediate in development, the database worker in production)."""

import logging

from django.db import transaction

from django_tasks import task

from consultations.notifications import send_decision_notice

logger = logging.getLogger(__name__)


@task()
def notify_commenter(comment_id):
    """Send the decision notice of one comment."""
    try:
        return send_decision_notice(comment_id)
    except Exception:
        logger.exception(
            "Decision notice for comment %s not sent; it stays pending for manage.py notify_commenters", comment_id
        )
        raise


def queue_decision_notice(comment):
    """Once the decision is committed, queue the e-mail, if the commenter has something new to be told."""
    if comment.needs_decision_notice:
        # robust: a queue that cannot be reached must not turn a saved decision into an error page.
        transaction.on_commit(lambda: notify_commenter.enqueue(comment.pk), robust=True)
