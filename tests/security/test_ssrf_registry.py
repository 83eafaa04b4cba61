"""Finding 7 (issue 16): the fetcher's address guard is built from the IANA special-purpose registries.

Table-driven: every registry range (IPv4 and IPv6), multicast and site-local, at its first, a middle
and its last address, is refused; so is every form that embeds a non-public IPv4 address (6to4,
Teredo, NAT64 well-known and local-use, IPv4-mapped and -compatible). Public unicast addresses, and
the NAT64 well-known prefix around a public IPv4 address, are fetchable.
"""

from __future__ import annotations

import ipaddress

import pytest

from credibility.ingestion.fetch import (
    NAT64_WELL_KNOWN,
    OTHER_REFUSED,
    SPECIAL_PURPOSE_REGISTRY,
    FetchPolicy,
    UnsafeURLError,
    check_url,
    public_address,
)

RANGES = [prefix for prefix, *_ in SPECIAL_PURPOSE_REGISTRY] + [prefix for prefix, *_ in OTHER_REFUSED]


def _samples(prefix: str) -> list[str]:
    network = ipaddress.ip_network(prefix)
    middle = network.network_address + network.num_addresses // 2
    return sorted({str(network.network_address), str(middle), str(network.broadcast_address)})


def test_the_table_holds_both_registries_and_the_named_gaps():
    assert {"2002::/16", "2001::/32", "64:ff9b::/96", "64:ff9b:1::/48", "::ffff:0:0/96", "fec0::/10"} <= set(RANGES)
    assert {"169.254.0.0/16", "100.64.0.0/10", "192.0.0.0/24", "198.18.0.0/15", "240.0.0.0/4"} <= set(RANGES)
    assert len(SPECIAL_PURPOSE_REGISTRY) >= 49


@pytest.mark.parametrize("prefix", [p for p in RANGES if ipaddress.ip_network(p) != NAT64_WELL_KNOWN])
def test_every_special_purpose_range_is_refused(prefix):
    for sample in _samples(prefix):
        address = ipaddress.ip_address(sample)
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            continue  # judged by the IPv4 address it maps (below)
        assert not public_address(address), f"{sample} in {prefix}"
        host = f"[{sample}]" if address.version == 6 else sample
        with pytest.raises(UnsafeURLError):
            check_url(f"http://{host}/", policy=FetchPolicy())


EMBEDDED_PRIVATE = [
    "2002:7f00:1::",  # 6to4 of 127.0.0.1 (the worker tried to connect to it)
    "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254 (cloud metadata)
    "2002:a00:1::",  # 6to4 of 10.0.0.1
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    "2001:0:7f00:1::",  # Teredo, server 127.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 well-known, 169.254.169.254
    "64:ff9b::7f00:1",  # NAT64 well-known, 127.0.0.1
    "64:ff9b:1:a9fe:0:a9fe::",  # NAT64 local-use /48 (RFC 6052 layout), 169.254.169.254
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::ffff:169.254.169.254",
    "::169.254.169.254",  # IPv4-compatible (deprecated)
    "::10.0.0.1",
    "fec0::1",  # site-local
    "fec0:0:0:ffff::1",
]


@pytest.mark.parametrize("sample", EMBEDDED_PRIVATE)
def test_embedded_non_public_ipv4_is_refused(sample):
    assert not public_address(ipaddress.ip_address(sample))
    with pytest.raises(UnsafeURLError, match="non-public"):
        check_url(f"http://[{sample}]/", policy=FetchPolicy())


@pytest.mark.parametrize(
    "sample", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "64:ff9b::808:808", "::ffff:8.8.8.8"]
)
def test_public_unicast_is_fetchable(sample):
    assert public_address(ipaddress.ip_address(sample))


def test_a_resolver_answer_in_6to4_is_refused():
    policy = FetchPolicy(resolver=lambda host, port: ["2002:7f00:1::"])
    with pytest.raises(UnsafeURLError, match="embeds 127.0.0.1"):
        check_url("https://sixtofour.example/", policy=policy)
