from django.urls import path

from inddrag.evaluation.views import staff

app_name = "evaluation"

urlpatterns: list = []

staff_urlpatterns = [
    path("evaluering/", staff.indicators_page, name="indicators"),
    path("evaluering/forloeb/", staff.behind, name="behind"),
]
