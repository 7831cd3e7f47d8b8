"""The settings helpers fail loudly on bad values."""

from datetime import time

import pytest
from django.core.exceptions import ImproperlyConfigured

from inddrag.lib.env import env_bool, env_int, env_list, env_str, env_times, secret_key


def test_env_bool(monkeypatch):
    monkeypatch.setenv("X", "Yes")
    assert env_bool("X") is True
    monkeypatch.setenv("X", "0")
    assert env_bool("X", default=True) is False
    monkeypatch.setenv("X", "måske")
    with pytest.raises(ImproperlyConfigured, match="not a boolean"):
        env_bool("X")
    monkeypatch.delenv("X")
    assert env_bool("X", default=True) is True


def test_env_int(monkeypatch):
    monkeypatch.setenv("N", "12")
    assert env_int("N", 1) == 12
    monkeypatch.setenv("N", "tolv")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("N", 1)
    monkeypatch.setenv("N", "-1")
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        env_int("N", 1, minimum=0)


def test_env_str_and_list(monkeypatch):
    monkeypatch.delenv("S", raising=False)
    with pytest.raises(ImproperlyConfigured, match="required"):
        env_str("S")
    monkeypatch.setenv("L", " a.dk, ,b.dk ")
    assert env_list("L") == ["a.dk", "b.dk"]


def test_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is required"):
        secret_key(tmp_path, debug=False)
    generated = secret_key(tmp_path, debug=True)
    assert len(generated) >= 50
    assert secret_key(tmp_path, debug=True) == generated  # kept under var/
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(ImproperlyConfigured, match="at least 50"):
        secret_key(tmp_path, debug=False)
    monkeypatch.setenv("SECRET_KEY", "a" * 49)
    with pytest.raises(ImproperlyConfigured, match="at least 50"):
        secret_key(tmp_path, debug=False)
    monkeypatch.setenv("SECRET_KEY", "ab" * 40)  # long, but only two different characters
    with pytest.raises(ImproperlyConfigured, match="at least 5 different"):
        secret_key(tmp_path, debug=False)
    key = "k3y-" + "x7Qz" * 12
    monkeypatch.setenv("SECRET_KEY", key)
    assert secret_key(tmp_path, debug=False) == key


DEFAULT_TIMES = {"apply_retention": "02:30", "send_hearing_reminders": "07:00"}


def test_env_times_defaults_and_overrides(monkeypatch):
    monkeypatch.delenv("T", raising=False)
    assert env_times("T", DEFAULT_TIMES) == {
        "apply_retention": time(2, 30),
        "send_hearing_reminders": time(7),
    }
    monkeypatch.setenv("T", " send_hearing_reminders = 06:15 , apply_retention=off,")
    assert env_times("T", DEFAULT_TIMES) == {
        "apply_retention": None,
        "send_hearing_reminders": time(6, 15),
    }


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("send_everything=07:00", "is not one of apply_retention, send_hearing_reminders"),
        ("apply_retention", "is not one of"),
        ("apply_retention=25:00", "apply_retention='25:00' is not a time"),
        ("apply_retention=tomorrow", "is not a time"),
    ],
)
def test_env_times_refuses_what_it_cannot_read(monkeypatch, raw, message):
    monkeypatch.setenv("T", raw)
    with pytest.raises(ImproperlyConfigured, match=message):
        env_times("T", DEFAULT_TIMES)
