"""What the search app does when documents, pages and synonyms change."""

from django.db.models.signals import post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.signals import page_published

from core.attachments import register_document_text_source
from search import attachments, synonyms
from search.models import Synonym


def connect():
    register_document_text_source(attachments.texts_by_document)
    post_save.connect(attachments.on_document_saved, sender=get_document_model(), dispatch_uid="search_doc_text")
    page_published.connect(attachments.on_page_published, dispatch_uid="search_page_published")
    post_save.connect(synonyms.clear_cache, sender=Synonym, dispatch_uid="search_syn_save")
    post_delete.connect(synonyms.clear_cache, sender=Synonym, dispatch_uid="search_syn_delete")
