"""The client address behind trusted proxies, shared by every public rate limit."""

import ipaddress

from django.conf import settings


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client address: REMOTE_ADDR, or X-Forwarded-For when the request came through a trusted proxy.

    GONGKAI_TRUSTED_PROXIES lists the proxies' addresses; the forwarded chain is read from the right,
    skipping trusted proxies, so a client cannot forge its address by sending the header itself.
    """
    remote = _valid_ip(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"  # noqa: S104
    trusted = set(getattr(settings, "GONGKAI_TRUSTED_PROXIES", []))
    if remote not in trusted:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for part in reversed(forwarded):
        ip = _valid_ip(part)
        if ip is None:
            break
        if ip not in trusted:
            return ip
    return remote
