"""The SSRF guard's address classifier and host vetting, over many spellings."""

import ipaddress

import pytest

from newsflow.fetch import (
    ResolutionError,
    SsrfBlockedError,
    forbidden_reason,
    parse_ip_literal,
    vet_host,
)


@pytest.mark.parametrize(
    ("spelling", "address"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),  # one decimal number
        ("0x7f.1", "127.0.0.1"),  # hex, short form
        ("017700000001", "127.0.0.1"),  # one octal number
        ("0177.0.0.01", "127.0.0.1"),  # octal parts
        ("0x7f000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("0x7F.0.0.1.", "127.0.0.1"),  # trailing dot
        ("169.254.43518", "169.254.169.254"),
        ("0xA9FEA9FE", "169.254.169.254"),
        ("[::1]", "::1"),
        ("::ffff:127.0.0.1", "::ffff:7f00:1"),
        ("0", "0.0.0.0"),  # noqa: S104 - an address under test, not a bind
    ],
)
def test_parse_ip_literal_reads_legacy_spellings(spelling: str, address: str) -> None:
    assert parse_ip_literal(spelling) == ipaddress.ip_address(address)


@pytest.mark.parametrize(
    "host", ["example.com", "256.1.1.1", "1.2.3.4.5", "0x100.1.1.1", "4294967296", "12a.1", ""]
)
def test_parse_ip_literal_names_and_out_of_range_numbers_are_not_ips(host: str) -> None:
    assert parse_ip_literal(host) is None


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("fd00:ec2::254", "private"),  # the IPv6 metadata endpoint
        ("100.64.0.1", "shared address space"),
        ("0.0.0.0", "unspecified"),  # noqa: S104 - an address under test
        ("::", "unspecified"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "private"),
        ("198.18.0.1", "private"),  # benchmarking range
        ("::ffff:127.0.0.1", "embeds 127.0.0.1: loopback"),
        ("::ffff:169.254.169.254", "embeds 169.254.169.254: link-local"),
        ("2002:7f00:1::", "embeds 127.0.0.1: loopback"),  # 6to4
        ("2002:a9fe:a9fe::1", "embeds 169.254.169.254: link-local"),
        ("64:ff9b::a9fe:a9fe", "embeds 169.254.169.254: link-local"),  # NAT64
        ("64:ff9b:1::a00:1", "local-use NAT64"),
    ],
)
def test_forbidden_reason_refuses_special_addresses(address: str, reason: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_forbidden_reason_public_addresses_pass(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is None


def test_forbidden_reason_allow_loopback_permits_only_127_0_0_1_and_ipv6_loopback() -> None:
    def allowed(address: str) -> bool:
        return forbidden_reason(ipaddress.ip_address(address), allow_loopback=True) is None

    assert allowed("127.0.0.1")
    assert allowed("::1")
    assert not allowed("127.0.0.2")
    assert not allowed("::ffff:127.0.0.1")  # tunnelled spellings stay refused
    assert not allowed("10.0.0.1")
    assert not allowed("169.254.169.254")
    assert not allowed("192.168.0.1")


def test_vet_host_refuses_name_with_any_private_answer() -> None:
    # DNS rebinding shape: one public and one internal address for the same name
    def resolver(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "169.254.169.254"]

    with pytest.raises(SsrfBlockedError, match="link-local"):
        vet_host("rebind.example", 80, resolver=resolver)


def test_vet_host_returns_the_vetted_address_and_skips_dns_for_literals() -> None:
    calls: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        return ["93.184.216.34"]

    assert vet_host("news.example", 443, resolver=resolver) == ipaddress.ip_address("93.184.216.34")
    with pytest.raises(SsrfBlockedError):
        vet_host("0x7f.1", 80, resolver=resolver)
    assert calls == ["news.example"]


def test_vet_host_unresolvable_name_raises_resolution_error() -> None:
    def resolver(host: str, port: int) -> list[str]:
        return []

    with pytest.raises(ResolutionError):
        vet_host("nothing.example", 80, resolver=resolver)
