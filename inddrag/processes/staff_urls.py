from django.urls import path

from inddrag.processes import staff_views as views

app_name = "staff"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("forloeb/nyt/", views.create, name="create"),
    path("forloeb/<int:pk>/", views.edit, name="edit"),
    path("forloeb/<int:pk>/status/", views.change_status, name="status"),
    path("forloeb/<int:pk>/tjek/", views.checks_panel, name="checks"),
    path("forloeb/<int:pk>/beslutning/", views.decision, name="decision"),
    path("forloeb/<int:pk>/<slug:slug>/", views.section_add, name="section_add"),
    path("forloeb/<int:pk>/<slug:slug>/<int:item_pk>/", views.section_edit, name="section_edit"),
    path(
        "forloeb/<int:pk>/<slug:slug>/<int:item_pk>/slet/",
        views.section_delete,
        name="section_delete",
    ),
]
