"""Staff URLs for the hearing memo and topics, under /personale/forloeb/<pk>/.

Included before ``inddrag.processes.staff_urls``, whose ``forloeb/<pk>/<slug>/`` would otherwise
take "hoeringsnotat" and "emner" for sections of the edit page.
"""

from django.urls import path

from inddrag.memos import staff_views as views

app_name = "memos_staff"

urlpatterns = [
    path("forloeb/<int:pk>/hoeringsnotat/", views.preview, name="preview"),
    path("forloeb/<int:pk>/hoeringsnotat/lav/", views.make, name="make"),
    path("forloeb/<int:pk>/hoeringsnotat/status/", views.progress, name="progress"),
    path(
        "forloeb/<int:pk>/hoeringsnotat/<int:memo_pk>/<str:kind>/",
        views.download,
        name="download",
    ),
    path("forloeb/<int:pk>/emner/", views.topics, name="topics"),
    path("forloeb/<int:pk>/emner/tildel/", views.assign, name="assign"),
    path("forloeb/<int:pk>/emner/<int:topic_pk>/", views.topic_rename, name="topic_rename"),
    path("forloeb/<int:pk>/emner/<int:topic_pk>/slet/", views.topic_delete, name="topic_delete"),
    path(
        "forloeb/<int:pk>/bidrag/<int:cid>/hoeringsnotat/",
        views.contribution,
        name="contribution",
    ),
]
