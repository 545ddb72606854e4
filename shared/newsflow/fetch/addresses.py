"""The SSRF guard's address rules: which IPs a fetch may connect to, in every spelling."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64_WELL_KNOWN = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL_USE = ipaddress.IPv6Network("64:ff9b:1::/48")
_SHARED_ADDRESS_SPACE = ipaddress.IPv4Network("100.64.0.0/10")
_LOOPBACK_ALLOWED = {ipaddress.IPv4Address("127.0.0.1"), ipaddress.IPv6Address("::1")}

# host, port → the addresses to try, in order.
Resolver = Callable[[str, int], list[str]]


class SsrfBlockedError(Exception):
    """The URL points at an address (or scheme) the fetcher must never reach."""


class ResolutionError(Exception):
    """The host name does not resolve."""


def system_resolver(host: str, port: int) -> list[str]:
    """Addresses from the system resolver (getaddrinfo), without duplicates."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        msg = f"cannot resolve {host!r}: {exc}"
        raise ResolutionError(msg) from exc
    found: list[str] = []
    for *_, sockaddr in infos:
        address = str(sockaddr[0])
        if address not in found:
            found.append(address)
    return found


def _ipv4_number(part: str) -> int | None:
    """One part of a legacy IPv4 spelling: decimal, 0x-hex or 0-octal (as inet_aton reads)."""
    if not part:
        return None
    try:
        if part[:2].lower() == "0x":
            return int(part[2:], 16) if part[2:] else 0
        if len(part) > 1 and part.startswith("0"):
            return int(part[1:], 8)
        return int(part, 10) if part.isdigit() else None
    except ValueError:
        return None


def parse_ip_literal(host: str) -> IPAddress | None:
    """The IP a host string denotes, however it is spelled, or None for a domain name.

    Follows the WHATWG URL host parser (what browsers and glibc's inet_aton accept):
    `2130706433`, `0x7f.1`, `017700000001`, `127.1` and `0177.0.0.01` are all 127.0.0.1.
    """
    text = host.strip().strip("[]").rstrip(".").lower()
    if not text:
        return None
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    parts = text.split(".")
    if len(parts) > 4:
        return None
    numbers = [_ipv4_number(part) for part in parts]
    if any(number is None for number in numbers):
        return None
    values = [n for n in numbers if n is not None]
    *head, last = values
    if any(value > 255 for value in head) or last >= 256 ** (5 - len(values)):
        return None
    number = last
    for index, value in enumerate(head):
        number += value << (8 * (3 - index))
    return ipaddress.IPv4Address(number)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """An IPv4 address tunnelled inside an IPv6 one (mapped, 6to4, NAT64, Teredo)."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64_WELL_KNOWN:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.teredo is not None:
        return address.teredo[1]
    return None


def forbidden_reason(address: IPAddress, *, allow_loopback: bool = False) -> str | None:
    """Why the fetcher must not connect to `address`, or None when it is a public address.

    With allow_loopback, exactly 127.0.0.1 and ::1 are permitted (the local runner and
    tests); every private, link-local and other special range stays refused.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id:
            address = ipaddress.IPv6Address(address.compressed.split("%")[0])
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            # Loopback stays refused in tunnelled spellings: nothing legitimate needs them.
            reason = forbidden_reason(embedded)
            return f"embeds {embedded}: {reason}" if reason else None
        if address in _NAT64_LOCAL_USE:
            return "local-use NAT64"
    if address.is_loopback:
        if allow_loopback and address in _LOOPBACK_ALLOWED:
            return None
        return "loopback"
    if address.is_unspecified:
        return "unspecified"
    if address.is_link_local:
        return "link-local"  # 169.254.169.254, the cloud metadata endpoint, lives here
    if address.is_multicast:
        return "multicast"
    if isinstance(address, ipaddress.IPv4Address) and address in _SHARED_ADDRESS_SPACE:
        return "shared address space"
    if address.is_private:
        return "private"
    if address.is_reserved:
        return "reserved"
    if not address.is_global:
        return "not globally routable"
    return None


def literal_host_problem(host: str, *, allow_loopback: bool = False) -> str | None:
    """Why a URL's host must be refused before any lookup, or None when it may be stored.

    An IP literal in any spelling (parse_ip_literal) is judged by `forbidden_reason`;
    `localhost` and `*.localhost` name loopback by definition (RFC 6761 §6.3). Other names
    are left to `vet_host` at fetch time, since what they resolve to can change.
    """
    name = host.strip().rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return None if allow_loopback else "loopback"
    literal = parse_ip_literal(name)
    return None if literal is None else forbidden_reason(literal, allow_loopback=allow_loopback)


def vet_host(
    host: str, port: int, *, allow_loopback: bool = False, resolver: Resolver = system_resolver
) -> IPAddress:
    """The address to connect to for `host`, after checking every address it resolves to.

    One forbidden address refuses the host: a name that mixes public and private answers is
    the DNS-rebinding pattern, and the caller connects to the returned IP, never re-resolves.
    """
    literal = parse_ip_literal(host)
    candidates: list[IPAddress] = []
    if literal is not None:
        candidates.append(literal)
    else:
        for text in resolver(host, port):
            try:
                candidates.append(ipaddress.ip_address(text))
            except ValueError as exc:
                msg = f"{host!r} resolved to unparsable address {text!r}"
                raise SsrfBlockedError(msg) from exc
    if not candidates:
        msg = f"{host!r} resolves to no address"
        raise ResolutionError(msg)
    for address in candidates:
        reason = forbidden_reason(address, allow_loopback=allow_loopback)
        if reason:
            msg = f"{host} → {address}: {reason}"
            raise SsrfBlockedError(msg)
    return candidates[0]
