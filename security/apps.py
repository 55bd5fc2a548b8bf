from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = "安全防护"

    def ready(self):
        from security import signals  # noqa: F401
