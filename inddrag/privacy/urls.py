from django.urls import path

from inddrag.privacy.views import staff

app_name = "privacy"

urlpatterns: list = []

staff_urlpatterns = [
    path("persondata/", staff.search, name="search"),
    path("persondata/eksport/", staff.export, name="export"),
    path("persondata/slet/", staff.erase, name="erase"),
]
