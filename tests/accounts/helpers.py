"""Authenticator codes computed in the test, as the phone would (django-otp's TOTP)."""

from __future__ import annotations

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def make_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Godkendelsesapp", confirmed=True)


def code_for(device: TOTPDevice, seconds_from_now: float = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, 0)
    totp.time = time.time() + seconds_from_now
    return f"{totp.token():06d}"


def code_for_key(key: str, seconds_from_now: float = 0) -> str:
    from binascii import unhexlify

    totp = TOTP(unhexlify(key), 30, 0, 6, 0)
    totp.time = time.time() + seconds_from_now
    return f"{totp.token():06d}"
