from django.apps import AppConfig


class InspectionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inspection"
    verbose_name = "网站检查"

    def ready(self):
        # Signal receivers and the review hook need the models, which exist once the registry is ready.
        from inspection import signals

        signals.connect()
