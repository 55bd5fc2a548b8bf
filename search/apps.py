from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "站内搜索"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from wagtail.documents import get_document_model
        from wagtail.signals import page_published

        from disclosure.page_text import register_attachment_text_source
        from search import attachments, synonyms
        from search.models import Synonym

        register_attachment_text_source(attachments.texts_by_document)
        post_save.connect(attachments.on_document_saved, sender=get_document_model(), dispatch_uid="search_doc_text")
        page_published.connect(attachments.on_page_published, dispatch_uid="search_page_published")
        post_save.connect(synonyms.clear_cache, sender=Synonym, dispatch_uid="search_syn_save")
        post_delete.connect(synonyms.clear_cache, sender=Synonym, dispatch_uid="search_syn_delete")
