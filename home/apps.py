from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "站点"

    def ready(self):
        from home.models import SITE_IDENTITIES

        SITE_IDENTITIES.connect()
