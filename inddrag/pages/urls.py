from django.urls import path

from inddrag.pages.views.public import LocalizedPage, PrinciplesPage, PrivacyNotice, favicon

app_name = "pages"

urlpatterns = [
    path("tilgaengelighed/", LocalizedPage.as_view(page="accessibility"), name="accessibility"),
    path("privatlivspolitik/", PrivacyNotice.as_view(), name="privacy"),
    path("om-principperne/", PrinciplesPage.as_view(), name="principles"),
    path("favicon.ico", favicon, name="favicon"),
]
