"""Public URLs: the latest hearing memo of a public process, as DOCX and PDF."""

from django.urls import path

from inddrag.memos import views

app_name = "memos"

urlpatterns = [
    path("forloeb/<int:pk>/hoeringsnotat.docx", views.docx, name="docx"),
    path("forloeb/<int:pk>/hoeringsnotat.pdf", views.pdf, name="pdf"),
]
