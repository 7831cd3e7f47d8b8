"""Logs as JSON lines with a request id (issue #14).

``RequestIdMiddleware`` takes a sane ``X-Request-ID`` from the proxy (at most 64 characters of
``A-Za-z0-9-_``) or makes one, puts it on the response and in a context variable for the request's
duration; ``RequestIdFilter`` copies it onto every log record (``record.request_id``, ``-`` outside
a request) and ``JsonFormatter`` writes one JSON object a line. ``INDDRAG_LOG_FORMAT`` chooses
``json`` or ``text`` (settings.LOGGING)."""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
_SANE = re.compile(r"[A-Za-z0-9_-]{1,64}")

request_id: ContextVar[str] = ContextVar("request_id", default="-")


def sane_request_id(value: str | None) -> str | None:
    """The value if it is a usable request id, else None (never logged: it may be anything)."""
    if value and _SANE.fullmatch(value):
        return value
    return None


class RequestIdMiddleware:
    """First in the stack: every log line written while the request is handled carries its id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        value = sane_request_id(request.headers.get(HEADER)) or uuid.uuid4().hex
        request.request_id = value
        token = request_id.set(value)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response[HEADER] = value
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to each record (``-`` outside a request); lets every record through."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


# Attributes every LogRecord has; anything else was passed with ``extra=`` and is written too.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, request_id, the
    exception's traceback if any, and the values given with ``extra=``."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id.get(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def logging_config(log_format: str, level: str) -> dict:
    """settings.LOGGING for ``json`` or ``text``."""
    formatter = (
        {"()": "inddrag.lib.logs.JsonFormatter"}
        if log_format == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "inddrag.lib.logs.RequestIdFilter"}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                "formatter": "default",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        # pysaml2 writes whole assertions (a CPR number among them) at DEBUG and INFO: never kept.
        # xmlschema (under pysaml2) notes each schema it loads at INFO: noise in every command.
        "loggers": {"saml2": {"level": "WARNING"}, "xmlschema": {"level": "WARNING"}},
    }
