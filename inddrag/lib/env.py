"""Typed helpers that read settings from the environment and fail loudly on bad values."""

from __future__ import annotations

import os
import secrets
from datetime import time
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    """Return the variable as text; raise if it is missing and has no default."""
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    """Return a boolean; accepts 1/0, true/false, yes/no, on/off (any case)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no).")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    """Return an integer, optionally not below ``minimum``."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from exc
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}.")
    return value


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Return a comma-separated list with blanks removed."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def secret_key(var_dir: Path, *, debug: bool) -> str:
    """SECRET_KEY from the environment; in debug (or demo) mode one is generated and kept under
    var/."""
    value = os.environ.get("SECRET_KEY", "").strip()
    if value:
        if len(value) < 50 or len(set(value)) < 5:
            raise ImproperlyConfigured(
                "SECRET_KEY must be at least 50 characters long, with at least 5 different ones "
                "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')."
            )
        return value
    if not debug:
        raise ImproperlyConfigured("SECRET_KEY is required (outside DEBUG and INDDRAG_DEMO).")
    key_file = var_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    generated = secrets.token_urlsafe(50)
    key_file.write_text(generated)
    key_file.chmod(0o600)
    return generated


def env_times(name: str, default: dict[str, str]) -> dict[str, time | None]:
    """Times of day by name: ``name=HH:MM,name=off`` (``off``: never). The names given override
    the defaults; an unknown name or a malformed time stops the start."""
    times = dict(default)
    raw = os.environ.get(name, "")
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        key, sep, value = (s.strip() for s in item.partition("="))
        if not sep or key not in default:
            raise ImproperlyConfigured(
                f"{name}: {item!r} is not one of {', '.join(sorted(default))} with =HH:MM or =off."
            )
        times[key] = value
    parsed: dict[str, time | None] = {}
    for key, value in times.items():
        if value.lower() == "off":
            parsed[key] = None
            continue
        try:
            parsed[key] = time.fromisoformat(value)
        except ValueError as exc:
            raise ImproperlyConfigured(f"{name}: {key}={value!r} is not a time (HH:MM).") from exc
    return parsed
