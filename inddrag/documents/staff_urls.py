from django.urls import path

from inddrag.documents import staff_views as views

app_name = "documents_staff"

urlpatterns = [
    path("forloeb/<int:pk>/dokumenter/", views.document_list, name="list"),
    path("dokumenter/<int:pk>/", views.document_detail, name="document"),
    path("dokumenter/<int:pk>/ny-udgave/", views.add_version, name="add_version"),
    path("dokumenter/udgave/<int:pk>/", views.version_preview, name="version"),
    path("dokumenter/udgave/<int:pk>/offentliggoer/", views.publish, name="publish"),
    path("dokumenter/udgave/<int:pk>/fil/", views.download, name="download"),
    path(
        "dokumenter/sammenlign/<int:from_pk>/<int:to_pk>/",
        views.compare,
        name="compare",
    ),
    path(
        "dokumenter/sammenlign/<int:from_pk>/<int:to_pk>/aendring/<str:key>/",
        views.link_change,
        name="link",
    ),
]
