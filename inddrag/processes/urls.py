"""URLs of processes: the public pages (namespace "processes") and the staff pages of a process
(namespace "staff:processes"; ``inddrag.urls`` nests every app's staff URLs under "staff")."""

from django.urls import path

from inddrag.processes.views import public, staff

app_name = "processes"

urlpatterns = [
    path("", public.home, name="home"),
    path("forloeb/", public.process_list, name="list"),
    path("forloeb/<int:pk>/", public.process_detail, name="detail"),
]

# The staff start page is "staff:dashboard" (see inddrag.urls).
dashboard = staff.dashboard

staff_urlpatterns = [
    path("forloeb/nyt/", staff.create, name="create"),
    path("forloeb/<int:pk>/", staff.edit, name="edit"),
    path("forloeb/<int:pk>/status/", staff.change_status, name="status"),
    path("forloeb/<int:pk>/tjek/", staff.checks_panel, name="checks"),
    path("forloeb/<int:pk>/beslutning/", staff.decision, name="decision"),
    # The inline row lists of the edit page ("ramme", "faser", "aktiviteter", "milepaele"). Last
    # in the staff URLs: other apps' pages of a process ("bidrag", "hoeringsliste" …) come first.
    path("forloeb/<int:pk>/<slug:slug>/", staff.row_add, name="row_add"),
    path("forloeb/<int:pk>/<slug:slug>/<int:item_pk>/", staff.row_edit, name="row_edit"),
    path(
        "forloeb/<int:pk>/<slug:slug>/<int:item_pk>/slet/",
        staff.row_delete,
        name="row_delete",
    ),
]
