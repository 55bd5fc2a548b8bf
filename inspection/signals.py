"""Inspection's hooks: the word list's version counter, and the findings check the review runs."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from review.rules import register_approval_check

from .models import WordEntry, WordListVersion
from .review import review_findings


@receiver(post_save, sender=WordEntry)
@receiver(post_delete, sender=WordEntry)
def bump_word_list_version(sender, **kwargs):
    WordListVersion.bump()


def connect():
    """Called from the app's ``ready()``: every review step runs the findings check."""
    register_approval_check(review_findings)
