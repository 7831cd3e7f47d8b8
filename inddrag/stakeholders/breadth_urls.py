from django.urls import path

from inddrag.stakeholders import breadth_views as views

app_name = "breadth"

urlpatterns = [
    path("forloeb/<int:pk>/bredde/", views.process_breadth, name="process"),
]
