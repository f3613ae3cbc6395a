"""Which addresses citeaudit may connect to.

A cited URL is untrusted input: it (or a redirect it answers with) may point at
the machine running the audit, its LAN or a cloud metadata service.  The
:class:`AddressGuard` refuses every address that is not globally routable,
unless policy allows it, and it is asked about the address actually connected
to — after DNS resolution, on every hop — so a name cannot resolve to a public
address for the check and a private one for the connection.

An IPv6 address can carry an IPv4 address that the packets end up at: the
IPv4-mapped, IPv4-compatible and IPv4-translated forms (``::ffff:127.0.0.1``,
``::127.0.0.1``), NAT64 (``64:ff9b::/96``, ``64:ff9b:1::/48``), 6to4
(``2002::/16``), Teredo (``2001::/32``) and ISATAP interface identifiers
(``…:5efe:a.b.c.d``).  Python calls several of those ranges "global", so the
guard takes the IPv4 address out (:func:`embedded_ipv4`) and applies the IPv4
rules to it as well.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable

import attrs

from citeaudit.errors import PolicyRefused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

Resolver = Callable[[str, int], list[str]]
"""``(host, port)`` → IP address strings; raises :class:`socket.gaierror` for unknown names."""

METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "169.254.170.2", "fd00:ec2::254")
)
"""Cloud instance-metadata endpoints, named in refusals because they are the prize of SSRF."""


def system_resolver(host: str, port: int) -> list[str]:
    """Resolve ``host`` with the operating system's resolver (``getaddrinfo``)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: dict[str, None] = {}
    for _family, _type, _proto, _name, sockaddr in infos:
        seen.setdefault(str(sockaddr[0]), None)
    return list(seen)


def static_resolver(hosts: dict[str, str], fallback: Resolver | None = None) -> Resolver:
    """A resolver answering from ``hosts`` (name → IP); other names fail unless ``fallback``."""
    table = {name.lower().rstrip("."): ip for name, ip in hosts.items()}

    def resolve(host: str, port: int) -> list[str]:
        ip = table.get(host.lower().rstrip("."))
        if ip is not None:
            return [ip]
        if fallback is not None:
            return fallback(host, port)
        raise socket.gaierror(socket.EAI_NONAME, f"Name or service not known: {host}")

    return resolve


def parse_ip(text: str) -> IPAddress | None:
    """``text`` as an IP address (brackets and IPv6 zone allowed), or ``None`` for a name."""
    text = text.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


_V4_MASK = 0xFFFFFFFF
_MAPPED = ipaddress.ip_network("::ffff:0:0/96")
_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")
_NAT64_WELL_KNOWN = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_ISATAP_IDS = (0x00005EFE, 0x02005EFE)  # the interface identifier's high half, u/l bit off and on


def _rfc6052(value: int, prefix: int) -> ipaddress.IPv4Address:
    """The IPv4 address inside an RFC 6052 address with a ``prefix``-bit NAT64 prefix.

    Bits 64-71 (the "u" octet) are always zero, so an address placed across them
    skips that octet.
    """
    octets = value.to_bytes(16, "big")
    start = prefix // 8
    picked = [octets[i] for i in range(start, 16) if i != 8][:4]
    return ipaddress.IPv4Address(bytes(picked))


def embedded_ipv4(address: IPAddress) -> tuple[ipaddress.IPv4Address, ...]:
    """The IPv4 addresses an IPv6 ``address`` carries, by the transition schemes it matches.

    Empty for an IPv4 address and for an IPv6 address that embeds none.  The
    local-use NAT64 prefix may be any length from /48 to /96, so every RFC 6052
    position within it is read.
    """
    if not isinstance(address, ipaddress.IPv6Address):
        return ()
    value = int(address)
    found: list[ipaddress.IPv4Address] = []
    compatible = value >> 32 == 0 and value > 1  # ::a.b.c.d, but not :: or ::1
    if compatible or any(address in net for net in (_MAPPED, _TRANSLATED, _NAT64_WELL_KNOWN)):
        found.append(ipaddress.IPv4Address(value & _V4_MASK))
    if address in _NAT64_LOCAL:
        found.extend(_rfc6052(value, prefix) for prefix in (48, 56, 64, 96))
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)  # (server, client), the client already un-obfuscated
    if (value >> 32) & _V4_MASK in _ISATAP_IDS:
        found.append(ipaddress.IPv4Address(value & _V4_MASK))
    return tuple(dict.fromkeys(found))


def describe(address: IPAddress) -> str:
    """Why ``address`` is not public, in a few words."""
    for inner in embedded_ipv4(address):
        if not _is_public(inner):
            return f"IPv6 address carrying {inner}, a {describe(inner)}"
    if address in METADATA_ADDRESSES:
        return "cloud metadata address"
    if address.is_loopback:
        return "loopback address"
    if address.is_link_local:
        return "link-local address"
    if address.is_private:
        return "private address"
    if address.is_multicast:
        return "multicast address"
    return "non-public address"


def _is_public(address: IPAddress) -> bool:
    return address.is_global and not address.is_multicast


@attrs.frozen
class AddressGuard:
    """Refuses connections to non-public addresses, except those explicitly allowed."""

    allow_all: bool = False
    """Allow every address (``--allow-private``)."""
    allowed: tuple[IPNetwork, ...] = ()
    """Networks allowed even though not public (e.g. ``127.0.0.0/8`` for a local test web)."""

    @classmethod
    def from_policy(cls, allow_private: bool, networks: Iterable[str] = ()) -> AddressGuard:
        """Build a guard from config values; bad network text raises ``ValueError``."""
        return cls(allow_private, tuple(ipaddress.ip_network(n, strict=False) for n in networks))

    def permits(self, address: IPAddress) -> bool:
        """Whether a connection to ``address`` is allowed.

        An IPv4-mapped address is judged as the IPv4 address it is.  Any other
        IPv6 address that carries IPv4 addresses must pass on its own *and*
        through every address it carries.
        """
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if self.allow_all:
            return True
        return self._permits_one(address) and all(
            self._permits_one(inner) for inner in embedded_ipv4(address)
        )

    def _permits_one(self, address: IPAddress) -> bool:
        if any(address.version == net.version and address in net for net in self.allowed):
            return True
        return _is_public(address)

    def check(self, host: str, address: str) -> None:
        """Raise :class:`PolicyRefused` unless connecting to ``address`` for ``host`` is allowed."""
        ip = parse_ip(address)
        if ip is None:
            raise PolicyRefused(f"refused {host}: {address!r} is not an IP address")
        if not self.permits(ip):
            via = "" if str(ip) == host.strip("[]") else f" (resolves to {ip})"
            raise PolicyRefused(f"refused {host}{via}: {describe(ip)}")
