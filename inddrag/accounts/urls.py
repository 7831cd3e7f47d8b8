from django.contrib.auth import views as auth_views
from django.urls import path

from inddrag.accounts.views.public import LoginView

app_name = "accounts"

urlpatterns = [
    path("log-ind/", LoginView.as_view(), name="login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
]
