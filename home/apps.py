from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "站点"

    def ready(self):
        # The models exist only once the registry is ready.
        from home.models import SITE_IDENTITIES

        SITE_IDENTITIES.connect()
