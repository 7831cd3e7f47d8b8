from django.contrib import admin
from django.urls import include, path

from inddrag.api.api import api

urlpatterns = [
    path("", include("inddrag.processes.urls")),
    path("", include("inddrag.contributions.urls")),
    path("", include("inddrag.pages.urls")),
    path("", include("inddrag.accounts.urls")),
    path("", include("inddrag.documents.urls")),
    path("", include("inddrag.memos.urls")),
    path("", include("inddrag.stakeholders.invitation_urls")),
    path("personale/", include("inddrag.contributions.staff_urls")),
    path("personale/", include("inddrag.documents.staff_urls")),
    path("personale/", include("inddrag.memos.staff_urls")),
    path("personale/", include("inddrag.stakeholders.registry_urls")),
    path("personale/", include("inddrag.stakeholders.breadth_urls")),
    path("personale/", include("inddrag.stakeholders.hearing_urls")),
    path("personale/", include("inddrag.processes.staff_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
