"""URLs of documents: published versions and visible changes (namespace "documents"), and the
staff pages for documents, versions and linking changes to input ("staff:documents")."""

from django.urls import path

from inddrag.documents.views import public, staff

app_name = "documents"

urlpatterns = [
    path("dokumenter/udgave/<int:pk>/", public.version_detail, name="version"),
    path("dokumenter/udgave/<int:pk>/fil/", public.download, name="download"),
    path("dokumenter/sammenlign/<int:from_pk>/<int:to_pk>/", public.compare, name="compare"),
]

staff_urlpatterns = [
    path("forloeb/<int:pk>/dokumenter/", staff.document_list, name="list"),
    path("dokumenter/<int:pk>/", staff.document_detail, name="document"),
    path("dokumenter/<int:pk>/ny-udgave/", staff.add_version, name="add_version"),
    path("dokumenter/udgave/<int:pk>/", staff.version_preview, name="version"),
    path("dokumenter/udgave/<int:pk>/offentliggoer/", staff.publish, name="publish"),
    path("dokumenter/udgave/<int:pk>/fil/", staff.download, name="download"),
    path("dokumenter/sammenlign/<int:from_pk>/<int:to_pk>/", staff.compare, name="compare"),
    path(
        "dokumenter/sammenlign/<int:from_pk>/<int:to_pk>/aendring/<str:key>/",
        staff.link_change,
        name="link",
    ),
]
