"""What the search app does when documents, pages and synonyms change."""

from django.db.models.signals import post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from core.attachments import register_document_text_source
from search import attachments, query, synonyms, views, vocabulary
from search.models import Synonym


def connect():
    register_document_text_source(attachments.texts_by_document)
    post_save.connect(attachments.on_document_saved, sender=get_document_model(), dispatch_uid="search_doc_text")
    page_published.connect(attachments.on_page_published, dispatch_uid="search_page_published")
    post_save.connect(synonyms.clear_cache, sender=Synonym, dispatch_uid="search_syn_save")
    post_delete.connect(synonyms.clear_cache, sender=Synonym, dispatch_uid="search_syn_delete")
    query.COLUMNS.connect()
    views.PROMOTIONS.connect()
    # The corrections' vocabulary is of the live pages (Wagtail sends page_unpublished on deletion too).
    page_published.connect(vocabulary.forget_state, dispatch_uid="search_vocabulary_published")
    page_unpublished.connect(vocabulary.forget_state, dispatch_uid="search_vocabulary_unpublished")
    post_delete.connect(vocabulary.forget_state, sender=Page, dispatch_uid="search_vocabulary_deleted")
