"""What django-axes answers when an account is locked: the login page itself, with the reason
next to the form (LoginForm puts it there), as 429 Too Many Requests."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    response = original_response or HttpResponse(status=429)
    response.status_code = 429
    response["Retry-After"] = str(settings.INDDRAG_LOGIN_LOCKOUT_MINUTES * 60)
    return response
