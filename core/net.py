"""The client address behind trusted proxies, shared by every public rate limit."""

import ipaddress

from django.conf import settings


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def _trusted(ip, proxies):
    """Whether ``ip`` is one of the proxies: addresses or networks (CIDR, e.g. a compose network)."""
    if ip in proxies:
        return True
    address = ipaddress.ip_address(ip)
    for proxy in proxies:
        if "/" in proxy:
            try:
                if address in ipaddress.ip_network(proxy, strict=False):
                    return True
            except ValueError:
                continue
    return False


def client_ip(request):
    """The client address: REMOTE_ADDR, or X-Forwarded-For when the request came through a trusted proxy.

    GONGKAI_TRUSTED_PROXIES lists the proxies' addresses or networks; the forwarded chain is read from the right,
    skipping trusted proxies, so a client cannot forge its address by sending the header itself.
    """
    remote = _valid_ip(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"  # noqa: S104
    trusted = set(getattr(settings, "GONGKAI_TRUSTED_PROXIES", []))
    if not _trusted(remote, trusted):
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for part in reversed(forwarded):
        ip = _valid_ip(part)
        if ip is None:
            break
        if not _trusted(ip, trusted):
            return ip
    return remote
