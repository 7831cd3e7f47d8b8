"""benchmarks/page_cache.py: the site's URLs and a bare view ("ok" through every middleware)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from inddrag.urls import urlpatterns as site


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *site]
