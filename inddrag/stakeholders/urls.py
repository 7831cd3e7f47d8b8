"""URLs of stakeholders: the personal invitation link (namespace "stakeholders"), and the staff
pages of the registry and of a process's hearing list and breadth ("staff:stakeholders")."""

from django.urls import path

from inddrag.stakeholders.views import public, staff

app_name = "stakeholders"

urlpatterns = [
    path("invitation/<str:token>/", public.open_invitation, name="invitation"),
]

staff_urlpatterns = [
    # The registry.
    path("interessenter/", staff.stakeholder_list, name="list"),
    path("interessenter/ny/", staff.stakeholder_create, name="create"),
    path("interessenter/<int:pk>/", staff.stakeholder_detail, name="detail"),
    path("interessenter/<int:pk>/rediger/", staff.stakeholder_edit, name="edit"),
    path("interessenter/<int:pk>/aktiv/", staff.stakeholder_toggle_active, name="toggle_active"),
    path("interessenter/pligter/", staff.duty_list, name="duties"),
    path("interessenter/pligter/ny/", staff.duty_create, name="duty_create"),
    path("interessenter/pligter/<int:pk>/", staff.duty_edit, name="duty_edit"),
    path("interessenter/pligter/<int:pk>/slet/", staff.duty_delete, name="duty_delete"),
    path("interessenter/import/", staff.import_upload, name="import"),
    path("interessenter/import/gem/", staff.import_save, name="import_save"),
    path("interessenter/eksport.csv", staff.export, {"fmt": "csv"}, name="export_csv"),
    path("interessenter/eksport.xlsx", staff.export, {"fmt": "xlsx"}, name="export_xlsx"),
    # A process's hearing list and who took part.
    path("forloeb/<int:pk>/hoeringsliste/", staff.hearing_list, name="hearing_list"),
    path("forloeb/<int:pk>/hoeringsliste/forslag/", staff.refresh, name="hearing_refresh"),
    path("forloeb/<int:pk>/hoeringsliste/tilfoej/", staff.add, name="hearing_add"),
    path("forloeb/<int:pk>/hoeringsliste/inviter/", staff.invite, name="hearing_invite"),
    path(
        "forloeb/<int:pk>/hoeringsliste/<int:entry_pk>/accepter/",
        staff.accept,
        name="hearing_accept",
    ),
    path(
        "forloeb/<int:pk>/hoeringsliste/<int:entry_pk>/afvis/",
        staff.dismiss,
        name="hearing_dismiss",
    ),
    path("forloeb/<int:pk>/bredde/", staff.process_breadth, name="breadth"),
]
