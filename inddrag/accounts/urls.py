from django.contrib.auth import views as auth_views
from django.urls import path

from inddrag.accounts.views.public import LoginCodeView, LoginView
from inddrag.accounts.views.security import two_factor

app_name = "accounts"

urlpatterns = [
    path("log-ind/", LoginView.as_view(), name="login"),
    path("log-ind/kode/", LoginCodeView.as_view(), name="login_code"),
    path("konto/to-trins-login/", two_factor, name="two_factor"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
]
