from django.urls import path

from inddrag.stakeholders import registry_views as views

app_name = "stakeholders_registry"

urlpatterns = [
    path("interessenter/", views.stakeholder_list, name="list"),
    path("interessenter/ny/", views.stakeholder_create, name="create"),
    path("interessenter/<int:pk>/", views.stakeholder_detail, name="detail"),
    path("interessenter/<int:pk>/rediger/", views.stakeholder_edit, name="edit"),
    path("interessenter/<int:pk>/aktiv/", views.stakeholder_toggle_active, name="toggle_active"),
    path("interessenter/pligter/", views.duty_list, name="duties"),
    path("interessenter/pligter/ny/", views.duty_create, name="duty_create"),
    path("interessenter/pligter/<int:pk>/", views.duty_edit, name="duty_edit"),
    path("interessenter/pligter/<int:pk>/slet/", views.duty_delete, name="duty_delete"),
    path("interessenter/import/", views.import_upload, name="import"),
    path("interessenter/import/gem/", views.import_save, name="import_save"),
    path("interessenter/eksport.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("interessenter/eksport.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
]
