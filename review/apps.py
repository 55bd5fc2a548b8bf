from django.apps import AppConfig


class ReviewConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "review"
    verbose_name = "三级审核"

    def ready(self):
        from . import signals  # noqa: F401
