from django.urls import path

from inddrag.principles.views import staff

app_name = "principles"

urlpatterns: list = []

staff_urlpatterns = [
    path("principper/", staff.overview, name="overview"),
    path("principper/<int:number>/", staff.principle, name="principle"),
    path("principper/graenser/<slug:slug>/", staff.threshold, name="threshold"),
]
