"""Which IP addresses a fetch may connect to: one policy for typed URLs, redirects and DNS answers.

Every spelling is normalised through :mod:`ipaddress` first (dotted, decimal, hex, octal,
short ``127.1``, bracketed IPv6 with or without a zone). IPv6 forms that carry an IPv4
address are unwrapped and the IPv4 address judged as well: IPv4-mapped ``::ffff:a.b.c.d``
(judged as the IPv4 address itself, which is where a dual-stack socket connects),
IPv4-compatible ``::a.b.c.d``, IPv4-translated ``::ffff:0:a.b.c.d``, NAT64 ``64:ff9b::/96``,
6to4 ``2002::/16`` and Teredo ``2001::/32``; the last five are refused outright (no public
web site is reached that way), naming the embedded address in the reason.

An address is allowed only if it is global unicast: not private, loopback, link-local,
site-local (``fec0::/10``), unique-local, multicast, reserved, unspecified, shared (CG-NAT)
or one of the transition ranges below. Python 3.11's ``is_global`` alone is not enough (it
calls ``::10.0.0.1`` and ``fec0::1`` global), so each property is checked.
"""

from __future__ import annotations

import ipaddress
import socket

from urllib3.util.connection import allowed_gai_family

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Ranges refused on top of what :mod:`ipaddress` flags (transition, relay, overlay, benchmark).
EXTRA_BLOCKED = tuple(
    ipaddress.ip_network(net)
    for net in (
        "100.64.0.0/10",  # shared address space (CG-NAT): reaches internal workloads
        "192.0.0.0/24",  # IETF protocol assignments
        "192.88.99.0/24",  # 6to4 relay anycast
        "198.18.0.0/15",  # benchmarking
        "::/96",  # IPv4-compatible (deprecated)
        "::ffff:0:0:0/96",  # IPv4-translated
        "64:ff9b::/96",  # NAT64
        "64:ff9b:1::/48",  # local-use NAT64
        "100::/64",  # discard-only
        "2001::/32",  # Teredo
        "2001:20::/28",  # ORCHIDv2
        "2002::/16",  # 6to4
        "3fff::/20",  # documentation
        "5f00::/16",  # segment routing
        "fec0::/10",  # site-local (deprecated, still routed inside some networks)
    )
)


def literal_ip(host: str) -> IPAddress | None:
    """The IP address ``host`` denotes in any spelling resolvers accept, else None."""
    text = host.strip().strip("[]")
    try:
        return ipaddress.ip_address(text.split("%", 1)[0] if ":" in text else text)
    except ValueError:
        pass
    try:  # 2130706433, 0x7f000001, 0177.0.0.1, 127.1: the inet_aton forms
        return ipaddress.IPv4Address(socket.inet_aton(text))
    except (OSError, ValueError):  # ValueError: embedded NUL
        return None


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries (mapped, compatible, translated, NAT64,
    6to4, Teredo server and client)."""
    value = int(address)
    low = ipaddress.IPv4Address(value & 0xFFFFFFFF)
    found: list[ipaddress.IPv4Address] = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    elif value >> 32 in (0, 0xFFFF0000, 0x0064FF9B << 64):  # compatible, translated, NAT64
        found.append(low)
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    return found


def blocked_reason(address: IPAddress, *, allow_loopback: bool = False) -> str | None:
    """Why a fetch must not connect to ``address``, or None if it may."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # a dual-stack socket connects to the IPv4 address
    if allow_loopback and address.is_loopback:
        return None
    reason = _own_reason(address)
    if isinstance(address, ipaddress.IPv6Address) and int(address) > 1:
        inner = embedded_ipv4(address)
        if inner:
            carried = ", ".join(str(a) for a in inner)
            return f"{address} carries the IPv4 address {carried} (an IPv6 transition form)"
    return reason


def _own_reason(address: IPAddress) -> str | None:
    if address.is_loopback:
        return f"{address} is a loopback address"
    if address.is_link_local:
        return f"{address} is a link-local address (cloud metadata lives there)"
    if isinstance(address, ipaddress.IPv6Address) and address.is_site_local:
        return f"{address} is a site-local address"
    if address.is_unspecified or address.is_multicast or address.is_reserved:
        return f"{address} is not a unicast address"
    if address.is_private or not address.is_global:
        return f"{address} is a private address"
    if any(address in net for net in EXTRA_BLOCKED):
        return f"{address} is in a reserved or transition range"
    return None


def resolve(host: str, port: int, *, allow_loopback: bool = False) -> list[IPAddress]:
    """Every address ``host`` resolves to, each one allowed, else :class:`BlockedAddress`.

    All answers are checked (not only the first) so a name that mixes a public and a
    private answer is refused, whichever one the connection would have used.
    """
    literal = literal_ip(host)
    answers: list[IPAddress | None] = [literal]
    if literal is None:
        infos = socket.getaddrinfo(host, port, allowed_gai_family(), socket.SOCK_STREAM)
        answers = [literal_ip(str(info[4][0])) for info in infos]
    allowed: list[IPAddress] = []
    for answer in answers:
        if answer is None:
            raise BlockedAddress(f"{host} resolved to something that is not an IP address")
        reason = blocked_reason(answer, allow_loopback=allow_loopback)
        if reason is not None:
            raise BlockedAddress(f"{host} resolves to a blocked address: {reason}")
        allowed.append(answer)
    if not allowed:
        raise socket.gaierror(socket.EAI_NONAME, f"{host} has no address")
    return allowed


class BlockedAddress(Exception):
    """A connection target the policy refuses (mapped to BlockedURLError by the fetcher)."""
