"""Danish first: the language is Danish unless the visitor chose another in the footer."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext

from inddrag.lib.forms import has_unstorable_characters


class DanishFirstLocaleMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but the browser's Accept-Language is not consulted: a
    municipality's pages speak Danish until the visitor picks English with the language switch
    (kept in the language cookie)."""

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class UnstorableQueryMiddleware:
    """A query string with a NUL (``?q=%00``) is answered 400 before any view sees it: no page
    takes one, and PostgreSQL refuses NUL in text, so a search or filter would otherwise end in
    a 500. Other bytes that are not UTF-8 are already read as U+FFFD by Django; form fields are
    checked by the forms (``lib.forms.reject_unstorable_characters``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any(
            has_unstorable_characters(name) or any(has_unstorable_characters(v) for v in values)
            for name, values in request.GET.lists()
        ):
            if request.path.startswith("/api/"):
                message = gettext("The address contains characters that cannot be used.")
                return JsonResponse({"detail": message}, status=400)
            return render(request, "400.html", status=400)
        return self.get_response(request)
