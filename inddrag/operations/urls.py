from django.urls import path

from inddrag.operations.views.public import healthz, readyz

app_name = "operations"

# HealthCheckMiddleware answers these paths first; the patterns keep them reversible and listed.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
]
