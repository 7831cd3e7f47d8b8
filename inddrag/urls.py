"""The site's URLs: each app's public URLs under its own namespace, and every app's staff URLs
nested under one namespace, "staff" (``staff:<app>:<page>``), below /personale/. The menu marks
"For medarbejdere" from that namespace (``pages.context_processors``)."""

from django.contrib import admin
from django.urls import include, path
from django.views.decorators.http import require_http_methods
from django.views.generic import RedirectView
from django.views.i18n import set_language

from inddrag.analysis import urls as analysis
from inddrag.api.api import api
from inddrag.cases import urls as cases
from inddrag.contributions import urls as contributions
from inddrag.documents import urls as documents
from inddrag.evaluation import urls as evaluation
from inddrag.memos import urls as memos
from inddrag.operations import urls as operations
from inddrag.principles import urls as principles
from inddrag.privacy import urls as privacy
from inddrag.processes import urls as processes
from inddrag.stakeholders import urls as stakeholders

# The process app's staff URLs come last: its "forloeb/<pk>/<slug>/" (the edit page's row lists)
# would otherwise answer for other apps' pages of a process ("bidrag", "hoeringsliste" …).
STAFF_APPS = (
    analysis,
    cases,
    contributions,
    documents,
    evaluation,
    memos,
    principles,
    stakeholders,
    privacy,
    processes,
)

staff_urlpatterns = [
    path("", processes.dashboard, name="dashboard"),
    *(path("", include((app.staff_urlpatterns, app.app_name))) for app in STAFF_APPS),
]

urlpatterns = [
    path("", include(processes)),
    path("", include(contributions)),
    path("", include(cases)),
    path("", include("inddrag.pages.urls")),
    path("", include("inddrag.accounts.urls")),
    path("", include(documents)),
    path("", include(memos)),
    path("", include(stakeholders)),
    path("", include(evaluation)),
    path("", include(operations)),
    path("personale/", include((staff_urlpatterns, "staff"))),
    # Django's language switch (django.conf.urls.i18n), taking GET and POST only.
    path(
        "i18n/setlang/",
        require_http_methods(["GET", "HEAD", "POST"])(set_language),
        name="set_language",
    ),
    path("api/v1/", api.urls),
    # The admin signs in through the site's own login (rate limit and lockout, one place).
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
        name="admin-login",
    ),
    path("admin/", admin.site.urls),
]
