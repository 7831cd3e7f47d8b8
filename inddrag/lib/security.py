"""Who is asking, and from where: the client address (the same one the rate limits and the login
lockout count), and the admin kept to configured networks."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind a reverse proxy the header named by
    ``RATELIMIT_IP_META_KEY`` (which the proxy must set, never pass through from the client). A
    forwarded list keeps its first entry, the address the proxy saw."""
    key = getattr(settings, "RATELIMIT_IP_META_KEY", None) or "REMOTE_ADDR"
    value = request.META.get(key, "") or ""
    return value.split(",")[0].strip()


def parse_networks(values: list[str], *, setting: str = "INDDRAG_ADMIN_NETWORKS") -> list[Network]:
    """Networks in CIDR notation ("10.0.0.0/8", "2001:db8::/32", a single address); a typo stops
    the start-up rather than opening or closing the admin by surprise."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"{setting}: {value!r} is not an address or network."
            ) from exc
    return networks


def in_networks(address: str, networks: list[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


class AdminNetworkMiddleware:
    """With ``INDDRAG_ADMIN_NETWORKS`` set, the admin answers 404 to every other address — as if
    it were not there. Without it the admin is open to staff from anywhere (login still needed)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.networks = parse_networks(getattr(settings, "INDDRAG_ADMIN_NETWORKS", []))
        self.prefix = "/admin/"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            self.networks
            and request.path.startswith(self.prefix)
            and not in_networks(client_ip(request), self.networks)
        ):
            raise Http404
        return self.get_response(request)
