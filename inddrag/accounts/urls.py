from django.urls import path

from inddrag.accounts.views.public import (
    LoginCodeView,
    LoginView,
    LogoutView,
    oidc_callback,
    oidc_start,
    saml_acs,
    saml_metadata,
    saml_sls,
    saml_start,
)
from inddrag.accounts.views.security import two_factor

app_name = "accounts"

urlpatterns = [
    path("log-ind/", LoginView.as_view(), name="login"),
    path("log-ind/kode/", LoginCodeView.as_view(), name="login_code"),
    # Identity providers (OpenID Connect): a 404 while a provider is not configured.
    path("log-ind/mitid/", oidc_start, {"provider": "citizen"}, name="oidc_citizen"),
    path(
        "log-ind/mitid/retur/",
        oidc_callback,
        {"provider": "citizen"},
        name="oidc_citizen_callback",
    ),
    path("log-ind/medarbejder/", oidc_start, {"provider": "staff"}, name="oidc_staff"),
    path(
        "log-ind/medarbejder/retur/",
        oidc_callback,
        {"provider": "staff"},
        name="oidc_staff_callback",
    ),
    # NemLog-in (SAML, OIOSAML 3): a 404 while it is not configured.
    path("log-ind/nemlogin/", saml_start, name="saml_login"),
    path("saml/acs/", saml_acs, name="saml_acs"),
    path("saml/sls/", saml_sls, name="saml_sls"),
    path("saml/metadata/", saml_metadata, name="saml_metadata"),
    path("konto/to-trins-login/", two_factor, name="two_factor"),
    path("log-ud/", LogoutView.as_view(), name="logout"),
]
