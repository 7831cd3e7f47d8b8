from django.urls import path

from inddrag.pages.views.public import LocalizedPage, PrivacyNotice, favicon

app_name = "pages"

urlpatterns = [
    path("tilgaengelighed/", LocalizedPage.as_view(page="accessibility"), name="accessibility"),
    path("privatlivspolitik/", PrivacyNotice.as_view(), name="privacy"),
    path("om-principperne/", LocalizedPage.as_view(page="principles"), name="principles"),
    path("favicon.ico", favicon, name="favicon"),
]
