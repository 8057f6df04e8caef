from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"

    def ready(self):
        from . import page_cache, signals

        signals.connect()
        page_cache.connect()
