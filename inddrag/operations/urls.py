from django.urls import path

from inddrag.operations.views.metrics import metrics
from inddrag.operations.views.public import healthz, readyz

app_name = "operations"

# HealthCheckMiddleware answers these paths first (/metrics only to an allowed scraper); the
# patterns keep them reversible and listed.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
]
