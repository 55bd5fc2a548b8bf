from django.apps import AppConfig


class InspectionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inspection"
    verbose_name = "网站检查"

    def ready(self):
        from review.rules import register_approval_check

        from . import signals  # noqa: F401
        from .review import review_findings

        register_approval_check(review_findings)
