"""The address guard: only public addresses, unless policy says otherwise."""

from __future__ import annotations

import re
import socket

import pytest

from citeaudit.errors import PolicyRefused
from citeaudit.netguard import AddressGuard, static_resolver


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "loopback"),
        ("10.0.0.1", "private"),
        ("192.168.1.1", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "metadata"),
        ("169.254.10.10", "link-local"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fd00:ec2::254", "metadata"),
        ("::ffff:10.0.0.1", "private"),
        ("0.0.0.0", "private"),
        ("100.64.0.1", "non-public"),
    ],
)
def test_non_public_addresses_are_refused_with_a_reason(address: str, why: str) -> None:
    with pytest.raises(PolicyRefused, match=why):
        AddressGuard().check("intranet.example", address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_pass(address: str) -> None:
    AddressGuard().check("example.org", address)


def test_allowing_loopback_still_refuses_other_private_ranges() -> None:
    guard = AddressGuard.from_policy(False, ["127.0.0.0/8"])
    guard.check("site-a.test", "127.0.0.2")
    for address in ("10.0.0.1", "169.254.169.254", "192.168.1.1", "::1"):
        with pytest.raises(PolicyRefused):
            guard.check("site-a.test", address)


def test_allow_private_allows_everything() -> None:
    AddressGuard.from_policy(True).check("router", "192.168.1.1")


def test_refusal_names_the_resolved_address() -> None:
    with pytest.raises(PolicyRefused, match=r"refused wiki\.corp \(resolves to 10\.2\.3\.4\)"):
        AddressGuard().check("wiki.corp", "10.2.3.4")


def test_static_resolver_answers_known_names_and_fails_like_dns_otherwise() -> None:
    resolve = static_resolver({"Site-A.test": "127.0.0.2"})
    assert resolve("site-a.test.", 80) == ["127.0.0.2"]
    with pytest.raises(socket.gaierror):
        resolve("unknown.test", 80)


@pytest.mark.parametrize(
    ("address", "carried"),
    [
        ("::127.0.0.1", "127.0.0.1"),  # IPv4-compatible
        ("::ffff:0:7f00:1", "127.0.0.1"),  # IPv4-translated (SIIT)
        ("64:ff9b::7f00:1", "127.0.0.1"),  # NAT64 well-known prefix
        ("64:ff9b::a9fe:a9fe", "169.254.169.254"),
        ("64:ff9b:1:a00:0:100::", "10.0.0.1"),  # NAT64 local-use prefix, /48 layout
        ("2002:a9fe:a9fe::1", "169.254.169.254"),  # 6to4
        ("2002:c0a8:101::1", "192.168.1.1"),
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "127.0.0.1"),  # Teredo client, obfuscated
        ("2600::200:5efe:a00:1", "10.0.0.1"),  # ISATAP interface identifier
        ("2600::5efe:a9fe:a9fe", "169.254.169.254"),
    ],
)
def test_ipv6_carrying_a_non_public_ipv4_address_is_refused_by_the_ipv4_rules(
    address: str, carried: str
) -> None:
    with pytest.raises(PolicyRefused, match="carrying " + re.escape(carried)):
        AddressGuard().check("tunnel.example", address)


@pytest.mark.parametrize("address", ["64:ff9b::8.8.8.8", "2002:808:808::1", "2600::5efe:808:808"])
def test_ipv6_carrying_a_public_ipv4_address_passes(address: str) -> None:
    AddressGuard().check("tunnel.example", address)


def test_allowing_loopback_allows_it_only_in_the_forms_that_reach_it_directly() -> None:
    guard = AddressGuard.from_policy(False, ["127.0.0.0/8"])
    guard.check("site-a.test", "::ffff:127.0.0.1")
    with pytest.raises(PolicyRefused):
        guard.check("site-a.test", "64:ff9b::a00:1")  # the tunnel's IPv4 end is still private
