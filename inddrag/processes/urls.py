from django.urls import path

from inddrag.processes import views

app_name = "processes"

urlpatterns = [
    path("", views.home, name="home"),
    path("forloeb/", views.process_list, name="list"),
    path("forloeb/<int:pk>/", views.process_detail, name="detail"),
]
