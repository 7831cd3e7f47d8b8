from django.contrib.auth import views as auth_views
from django.urls import path

from inddrag.accounts.forms import LoginForm

app_name = "accounts"

urlpatterns = [
    path(
        "log-ind/",
        auth_views.LoginView.as_view(
            template_name="accounts/public/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
]
