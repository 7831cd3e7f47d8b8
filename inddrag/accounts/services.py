"""Two-factor login for staff and admin accounts (TOTP with django-otp): who is asked, checking a
code, enrolling an authenticator app with backup codes, and the administrator's reset. Every
change to a person's devices is written in the access log.

Logins through an identity provider (``inddrag/accounts/oidc.py`` speaks the protocol): the
account keyed on the provider's pseudonymous subject (``sign_in_external``), the CPR number only
as a keyed hash (``cpr_key``), and the assurance level the session was signed in at
(``session_assurance``, ``meets``)."""

from __future__ import annotations

import hmac
import re
import secrets
import time
from base64 import b32encode
from binascii import unhexlify
from dataclasses import dataclass, field
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from inddrag.accounts.models import ExternalIdentity, User
from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access
from inddrag.organisation.models import Centre

OFF, OPTIONAL, REQUIRED = "off", "optional", "required"
BACKUP_CODE_COUNT = 8
DEVICE_NAME = "Godkendelsesapp"
BACKUP_DEVICE_NAME = "Reservekoder"
_TOTP_CODE = re.compile(r"^\d{6}$")


def mode() -> str:
    return settings.INDDRAG_STAFF_2FA


def applies_to(user) -> bool:
    """Staff and admin accounts; citizens will sign in with MitID instead."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.role == User.Role.STAFF or user.is_staff or user.is_superuser)
    )


def is_required_for(user) -> bool:
    return mode() == REQUIRED and applies_to(user)


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def asks_for_code(user) -> bool:
    """After the right password: is a second step needed before the person is signed in?"""
    return mode() != OFF and applies_to(user) and has_device(user)


def normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def verify_code(user, code: str) -> Device | None:
    """The device that accepts ``code``: six digits go to the authenticator app (the current
    30-second step or one either side, never a step already used), anything else to the backup
    codes (each works once)."""
    code = normalise(code)
    if not code:
        return None
    with transaction.atomic():
        if _TOTP_CODE.match(code):
            devices = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
        else:
            devices = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True)
        for device in devices:
            if device.verify_token(code):
                return device
    return None


def new_secret() -> str:
    """A new TOTP key (hex, 20 bytes), kept in the session until the person confirms it."""
    return random_hex(20)


def secret_for_typing(key: str) -> str:
    """The key in base32, in groups of four, as authenticator apps ask for it by hand."""
    text = b32encode(unhexlify(key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def config_url(user, key: str) -> str:
    return TOTPDevice(user=user, key=key, name=DEVICE_NAME).config_url


def qr_svg(url: str) -> str:
    """The enrolment QR code as an inline SVG (no image service, no style attribute)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=4)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    svg = svg[svg.index("<svg") :]
    # A white square behind the modules, so dark mode and coloured backgrounds still scan.
    head, _, rest = svg.partition(">")
    background = '<rect width="100%" height="100%" fill="#ffffff"/>'
    return f'{head} aria-hidden="true" focusable="false" class="qr-code">{background}{rest}'


def code_matches_key(key: str, code: str) -> int | None:
    """The time step at which ``code`` is right for ``key`` (now or one step either side)."""
    code = normalise(code)
    if not _TOTP_CODE.match(code):
        return None
    totp = TOTP(unhexlify(key), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time()
    if totp.verify(int(code), tolerance=1):
        return totp.t()
    return None


@transaction.atomic
def enrol(user, key: str, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm a new authenticator app with a code from it: replaces the person's devices, and
    returns the device and new backup codes (shown once). ``None`` if the code is wrong."""
    step = code_matches_key(key, code)
    if step is None:
        return None
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(
        user=user, name=DEVICE_NAME, key=key, confirmed=True, last_t=step
    )
    backup = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=c) for c in codes)
    log_access(user, user, AccessLog.Action.CHANGE, "Two-factor login: authenticator app enrolled")
    return device, codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def reset_devices(user, by) -> int:
    """An administrator removes a person's authenticator app and backup codes (a lost phone):
    they enrol again at their next login. Returns how many devices were removed."""
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        _, per_model = model.objects.filter(user=user).delete()
        removed += per_model.get(model._meta.label, 0)
    log_access(by, user, AccessLog.Action.CHANGE, "Two-factor login reset by an administrator")
    return removed


# --- Logins through an identity provider ------------------------------------------------------

LEVELS = ("low", "substantial", "high")
PROVIDER_KEY = "auth_provider"  # "local", or the ExternalIdentity.Provider the session came from
ASSURANCE_KEY = "auth_assurance"  # low | substantial | high
LOCAL = "local"


class IdentityRefused(Exception):
    """A login the provider vouched for that Inddrag will not accept (no staff group, a closed
    account). The message is shown to the person."""


@dataclass(frozen=True)
class ExternalLogin:
    """What a provider said about a person, already mapped to Inddrag's terms. ``cpr`` is
    hashed at once and never stored or logged in clear."""

    provider: str
    subject: str
    name: str = ""
    email: str = ""
    assurance: str = "low"
    cpr: str = field(default="", repr=False)
    role: str = User.Role.CITIZEN
    admin: bool = False
    centre: str = ""  # a centre's name or short name (staff)


def meets(level: str | None, required: str) -> bool:
    """Does ``level`` reach ``required`` (low < substantial < high)?"""
    if level not in LEVELS:
        return False
    return LEVELS.index(level) >= LEVELS.index(required)


def session_assurance(request: HttpRequest) -> str | None:
    """The assurance level the signed-in person logged in at: "low", "substantial" or "high";
    None when nobody is signed in. A session without a note counts as "low"."""
    if not getattr(getattr(request, "user", None), "is_authenticated", False):
        return None
    level = request.session.get(ASSURANCE_KEY)
    return level if level in LEVELS else "low"


def has_case_assurance(request: HttpRequest) -> bool:
    """Is the session good enough for a citizen's own case (``INDDRAG_CASE_ASSURANCE``)?"""
    return meets(session_assurance(request), settings.INDDRAG_CASE_ASSURANCE)


def signed_in_through(request: HttpRequest) -> str:
    """ "local" (a password), or the provider the session came from."""
    return request.session.get(PROVIDER_KEY, LOCAL)


def mark_local_login(sender, request: HttpRequest, user, **kwargs) -> None:
    """``user_logged_in`` receiver: every login starts as a local one, at the level a password
    counts as (``INDDRAG_LOCAL_LOGIN_ASSURANCE``); a provider's login overwrites it after."""
    if request is not None and hasattr(request, "session"):
        request.session[PROVIDER_KEY] = LOCAL
        request.session[ASSURANCE_KEY] = settings.INDDRAG_LOCAL_LOGIN_ASSURANCE


_CPR = re.compile(r"^\d{10}$")


def cpr_key(cpr: str) -> str:
    """The CPR number as HMAC-SHA256 with ``INDDRAG_CPR_HMAC_KEY`` (hex): the only form in which
    Inddrag keeps it, to find the person's cases. "010203-1234" and "0102031234" give the same."""
    key = settings.INDDRAG_CPR_HMAC_KEY
    if not key:
        raise ImproperlyConfigured("INDDRAG_CPR_HMAC_KEY is not set.")
    digits = re.sub(r"[\s-]", "", cpr or "")
    if not _CPR.match(digits):
        raise ValueError("not a CPR number")  # the value itself is never in the message
    return hmac.new(key.encode(), digits.encode(), "sha256").hexdigest()


def _centre(name: str) -> Centre | None:
    if not name:
        return None
    return (
        Centre.objects.filter(name=name).first() or Centre.objects.filter(short_name=name).first()
    )


def _apply(user: User, login: ExternalLogin, centre: Centre | None) -> list[str]:
    """Bring the account in line with what the provider said; returns the fields changed."""
    first, _sep, last = login.name.strip().rpartition(" ")
    first, last = (first, last) if first else (last, "")
    wanted = {
        "first_name": first[:150],
        "last_name": last[:150],
        "email": login.email[:254],
        "role": login.role,
    }
    if login.role == User.Role.STAFF:
        wanted["centre_id"] = centre.pk if centre else None
        wanted["is_staff"] = login.admin
    changed = [name for name, value in wanted.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, wanted[name])
    return changed


def sign_in_external(login: ExternalLogin) -> User:
    """The account for a provider's subject: found by (provider, subject) — never by e-mail —
    or made at the first login. Name, e-mail and, for staff, role, centre and admin access are
    taken again from the provider at every login (a moved employee changes centre). A closed
    account is refused. The creation and every change of role or centre are in the access log."""
    if not login.subject:
        raise IdentityRefused("no subject")
    hashed = cpr_key(login.cpr) if login.cpr else ""
    centre = _centre(login.centre) if login.role == User.Role.STAFF else None
    try:
        return _sign_in(login, hashed, centre)
    except IntegrityError:  # the same person's first login twice at once: the other one won
        return _sign_in(login, hashed, centre)


@transaction.atomic
def _sign_in(login: ExternalLogin, hashed: str, centre: Centre | None) -> User:
    now = timezone.now()
    identity = (
        ExternalIdentity.objects.select_for_update()
        .select_related("user")
        .filter(provider=login.provider, subject=login.subject)
        .first()
    )
    if identity is None:
        user = User(username=f"{login.provider}-{secrets.token_hex(8)}")
        user.set_unusable_password()
        _apply(user, login, centre)
        user.save()
        identity = ExternalIdentity.objects.create(
            provider=login.provider,
            subject=login.subject,
            user=user,
            cpr_key=hashed,
            assurance=login.assurance,
            last_login=now,
        )
        log_access(
            user, user, AccessLog.Action.CHANGE, f"Account made at first login ({login.provider})"
        )
        return user
    user = identity.user
    if not user.is_active:
        raise IdentityRefused("closed")
    changed = _apply(user, login, centre)
    if changed:
        user.save(update_fields=changed)
        if {"role", "centre_id", "is_staff"} & set(changed):
            log_access(
                user,
                user,
                AccessLog.Action.CHANGE,
                f"Role and centre from the directory: {user.role}, "
                f"{user.centre or '-'}, admin={user.is_staff}",
            )
    identity.assurance = login.assurance
    identity.last_login = now
    fields = ["assurance", "last_login"]
    if hashed and identity.cpr_key != hashed:
        identity.cpr_key = hashed
        fields.append("cpr_key")
    identity.save(update_fields=fields)
    return user
