from django.urls import path

from inddrag.analysis.views import staff

app_name = "analysis"

urlpatterns: list = []

staff_urlpatterns = [
    path("forloeb/<int:pk>/analyse/", staff.overview, name="overview"),
    path("forloeb/<int:pk>/analyse/koer/", staff.run, name="run"),
    path("forloeb/<int:pk>/analyse/status/", staff.progress, name="progress"),
    path("forloeb/<int:pk>/analyse/emner/<int:topic_pk>/navn/", staff.rename, name="rename"),
    path("forloeb/<int:pk>/analyse/emner/<int:topic_pk>/flet/", staff.merge, name="merge"),
    path("forloeb/<int:pk>/analyse/emner/<int:topic_pk>/resume/", staff.summary, name="summary"),
    path("forloeb/<int:pk>/analyse/grupper/<str:group>/", staff.group, name="group"),
    path(
        "forloeb/<int:pk>/analyse/grupper/<str:group>/besvar/",
        staff.answer_group,
        name="answer_group",
    ),
    path("forloeb/<int:pk>/analyse/afsnit/", staff.paragraphs, name="paragraphs"),
]
