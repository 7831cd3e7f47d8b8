"""E-mail backends that fail, for testing delivery without patching the code under test."""

from __future__ import annotations

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend


class BrokenBackend(BaseEmailBackend):
    """The mail server is down: every send fails."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


class FlakyBackend(BaseEmailBackend):
    """Fails the first time, then delivers to the test outbox."""

    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls == 1:
            raise TimeoutError("try again")
        mail.outbox.extend(messages)
        return len(messages)


BROKEN = f"{__name__}.BrokenBackend"
FLAKY = f"{__name__}.FlakyBackend"
