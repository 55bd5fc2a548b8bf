from django.apps import AppConfig


class FrontcacheConfig(AppConfig):
    """Cache-Control for public pages and purging the front cache (Varnish) when pages change."""

    name = "frontcache"
    verbose_name = "Front cache"

    def ready(self):
        # The receivers are registered here, after wagtail.contrib.frontend_cache has registered its own.
        from frontcache import purge  # app registry is ready only now

        purge.connect_signals()
