from django.urls import path

from inddrag.stakeholders import invitation_views as views

app_name = "invitations"

urlpatterns = [
    path("invitation/<str:token>/", views.open_invitation, name="open"),
]
