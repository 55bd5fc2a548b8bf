from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "站内搜索"

    def ready(self):
        # Signal handlers need the models, which exist only once the registry is ready.
        from search import signals

        signals.connect()
