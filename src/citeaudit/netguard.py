"""Which addresses citeaudit may connect to.

A cited URL is untrusted input: it (or a redirect it answers with) may point at
the machine running the audit, its LAN or a cloud metadata service.  The
:class:`AddressGuard` refuses every address that is not globally routable,
unless policy allows it, and it is asked about the address actually connected
to — after DNS resolution, on every hop — so a name cannot resolve to a public
address for the check and a private one for the connection.
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


def describe(address: IPAddress) -> str:
    """Why ``address`` is not public, in a few words."""
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
        """Whether a connection to ``address`` is allowed."""
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if self.allow_all:
            return True
        if any(address.version == net.version and address in net for net in self.allowed):
            return True
        return address.is_global and not address.is_multicast

    def check(self, host: str, address: str) -> None:
        """Raise :class:`PolicyRefused` unless connecting to ``address`` for ``host`` is allowed."""
        ip = parse_ip(address)
        if ip is None:
            raise PolicyRefused(f"refused {host}: {address!r} is not an IP address")
        if not self.permits(ip):
            via = "" if str(ip) == host.strip("[]") else f" (resolves to {ip})"
            raise PolicyRefused(f"refused {host}{via}: {describe(ip)}")
