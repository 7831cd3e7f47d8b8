"""URLs of the hearing memo: the latest memo of a public process (namespace "memos"), and the
staff pages for the memo and its topics ("staff:memos")."""

from django.urls import path

from inddrag.memos.views import public, staff

app_name = "memos"

urlpatterns = [
    path("forloeb/<int:pk>/hoeringsnotat.docx", public.docx, name="docx"),
    path("forloeb/<int:pk>/hoeringsnotat.pdf", public.pdf, name="pdf"),
]

staff_urlpatterns = [
    path("forloeb/<int:pk>/hoeringsnotat/", staff.preview, name="preview"),
    path("forloeb/<int:pk>/hoeringsnotat/lav/", staff.make, name="make"),
    path("forloeb/<int:pk>/hoeringsnotat/status/", staff.progress, name="progress"),
    path(
        "forloeb/<int:pk>/hoeringsnotat/<int:memo_pk>/offentliggoer/",
        staff.publish,
        name="publish",
    ),
    path(
        "forloeb/<int:pk>/hoeringsnotat/<int:memo_pk>/<str:kind>/",
        staff.download,
        name="download",
    ),
    path("forloeb/<int:pk>/emner/", staff.topics, name="topics"),
    path("forloeb/<int:pk>/emner/tildel/", staff.assign, name="assign"),
    path("forloeb/<int:pk>/emner/<int:topic_pk>/", staff.topic_rename, name="topic_rename"),
    path("forloeb/<int:pk>/emner/<int:topic_pk>/slet/", staff.topic_delete, name="topic_delete"),
    path(
        "forloeb/<int:pk>/bidrag/<int:cid>/hoeringsnotat/",
        staff.contribution,
        name="contribution",
    ),
]
