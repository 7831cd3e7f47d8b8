from django.urls import path

from inddrag.documents import views

app_name = "documents"

urlpatterns = [
    path("dokumenter/udgave/<int:pk>/", views.version_detail, name="version"),
    path("dokumenter/udgave/<int:pk>/fil/", views.download, name="download"),
    path(
        "dokumenter/sammenlign/<int:from_pk>/<int:to_pk>/",
        views.compare,
        name="compare",
    ),
]
