"""Content pages that exist once per language (long texts do not belong in message catalogues)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from inddrag.principles.services import wordings
from inddrag.privacy.policy import periods


class LocalizedPage(TemplateView):
    """Renders ``pages/public/<page>.<language>.html``, falling back to Danish."""

    page = ""
    http_method_names = ["get", "head"]  # a page to read: anything else is a 405

    def get_template_names(self) -> list[str]:
        language = (get_language() or "da").split("-")[0]
        return [
            f"pages/public/{self.page}.{language}.html",
            f"pages/public/{self.page}.da.html",
        ]


class PrivacyNotice(LocalizedPage):
    """The privacy notice (privatlivspolitik): the retention periods are read from the same
    settings the retention run uses, so the page is always true."""

    page = "privacy"

    def get_context_data(self, **kwargs) -> dict:
        return {
            **super().get_context_data(**kwargs),
            "periods": periods(),
            "controller": settings.INDDRAG_PRIVACY_CONTROLLER,
            "dpo_email": settings.INDDRAG_PRIVACY_DPO_EMAIL,
            "dpo_phone": settings.INDDRAG_PRIVACY_DPO_PHONE,
        }


class PrinciplesPage(LocalizedPage):
    """The municipality's five principles: their current wording (``principles.services``: an
    administrator's version, else Ballerup Kommune's), around the page's own introduction."""

    page = "principles"

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "principles": wordings()}


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for on pages without an icon link (downloads, the API's
    documentation): the site's icon."""
    return HttpResponsePermanentRedirect(static("inddrag/favicon.svg"))
