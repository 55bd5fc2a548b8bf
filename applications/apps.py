from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "applications"
    verbose_name = "依申请公开"

    def ready(self):
        from applications import signals  # noqa: F401  (connects the calendar receivers)
