"""Two-factor login for staff and admin accounts (TOTP with django-otp): who is asked, checking a
code, enrolling an authenticator app with backup codes, and the administrator's reset. Every
change to a person's devices is written in the access log."""

from __future__ import annotations

import re
import time
from base64 import b32encode
from binascii import unhexlify
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from inddrag.accounts.models import User
from inddrag.audit.models import AccessLog
from inddrag.audit.services import log_access

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
