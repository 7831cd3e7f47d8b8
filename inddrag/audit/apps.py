from django.apps import AppConfig
from django.conf import settings
from django.core import checks

MIDDLEWARE = "inddrag.audit.reads.AccessLogMiddleware"


class AuditConfig(AppConfig):
    name = "inddrag.audit"
    label = "audit"

    def ready(self) -> None:
        checks.register(middleware_installed)


def middleware_installed(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Without the middleware, no view of personal data would be logged."""
    if MIDDLEWARE in settings.MIDDLEWARE:
        auth = "django.contrib.auth.middleware.AuthenticationMiddleware"
        if auth in settings.MIDDLEWARE and settings.MIDDLEWARE.index(
            auth
        ) < settings.MIDDLEWARE.index(MIDDLEWARE):
            return []
    return [
        checks.Error(
            f"{MIDDLEWARE} must be in MIDDLEWARE, after AuthenticationMiddleware.",
            hint="It writes the access log entry of every view of personal data.",
            id="audit.E001",
        )
    ]
