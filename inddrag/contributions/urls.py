from django.urls import path

from inddrag.contributions import views

app_name = "contributions"

urlpatterns = [
    path("forloeb/<int:pk>/bidrag/", views.submit, name="submit"),
    path("bidrag/bilag/<int:pk>/", views.attachment, name="attachment"),
    path("bidrag/<str:token>/", views.receipt, name="receipt"),
]
