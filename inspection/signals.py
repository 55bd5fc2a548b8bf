"""Any change to the word list moves its version counter, so matchers everywhere rebuild."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import WordEntry, WordListVersion


@receiver(post_save, sender=WordEntry)
@receiver(post_delete, sender=WordEntry)
def bump_word_list_version(sender, **kwargs):
    WordListVersion.bump()
