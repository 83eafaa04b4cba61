"""A small, defensive HTTP GET for pages and feeds. Pure Python (stdlib only), no Django.

Guarantees, for every hop of a redirect chain:
- only ``http`` and ``https``, no credentials in the URL;
- the host is resolved with ``getaddrinfo`` and *every* address it resolves to is checked against
  the IANA special-purpose address registries (IPv4 and IPv6, see ``SPECIAL_PURPOSE_REGISTRY``),
  multicast and site-local, with the IPv4 address embedded in IPv4-mapped, -compatible, 6to4,
  Teredo and NAT64 forms decoded and checked too; refused unless the policy allows them;
- the connection goes to one of the addresses that were checked (never a second lookup that a
  rebinding DNS server could answer differently); TLS still verifies the certificate for the
  host name;
- redirects are followed by hand, at most ``max_redirects``, each one validated again;
- connect and read timeouts, an overall deadline, and a size limit on the (decompressed) body.
  The deadline holds while the status line, the headers and the body arrive (issue 15): the
  socket checks it on every read, each read waits at most ``read_timeout`` and never past the
  deadline, and a watchdog shuts the socket down at the deadline (a TLS handshake included). A
  body arriving slower than ``min_rate`` bytes/s (after ``min_rate_grace`` seconds) is abandoned.

The caller passes a ``FetchPolicy``; ``credibility.services.ingestion`` builds it from settings.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_USER_AGENT = "CredibilityIngest/1.0 (+newsroom annotation service)"


class FetchError(Exception):
    """The page could not be fetched. ``str()`` is a message fit for an editor."""


class UnsafeURLError(FetchError):
    """The URL is not allowed: wrong scheme, no host, or it points at a non-public address."""


class TooLargeError(FetchError):
    pass


class TooManyRedirectsError(FetchError):
    pass


class DeadlineExceeded(TimeoutError):
    """Raised by a deadline socket: the fetch's total time is up."""


class TooSlow(TimeoutError):
    """Raised by a deadline socket: the answer arrives slower than the policy's minimum rate."""


class HTTPStatusError(FetchError):
    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


# --- which addresses are public: the IANA special-purpose address registries ---------------------
#
# Transcribed on 2026-12-06 from the IANA "IPv4 Special-Purpose Address Registry" and "IPv6
# Special-Purpose Address Registry" (RFC 6890 as updated; https://www.iana.org/assignments/
# iana-ipv4-special-registry/ and .../iana-ipv6-special-registry/), entries up to RFC 9602
# (5f00::/16, October 2024). Columns kept: prefix, name, RFC, "Globally Reachable".
#
# Policy: a fetcher of news pages connects to plain public unicast only, so *every* registry
# entry is refused, whatever its "Globally Reachable" column (the True ones are anycast service
# addresses such as PCP and TURN, which reach the local gateway, AS112 sinks and identifiers,
# never a web page). The exception is the NAT64 well-known prefix 64:ff9b::/96, which a DNS64
# resolver synthesises for public IPv4 sites: it is judged by the IPv4 address it embeds. Every
# form that embeds an IPv4 address (IPv4-mapped, IPv4-compatible, 6to4, Teredo, NAT64) is also
# decoded, and refused when the embedded address is not public, so the reason names it.
SPECIAL_PURPOSE_REGISTRY: tuple[tuple[str, str, str, bool | None], ...] = (
    # IPv4 (prefix, name, RFC, globally reachable; None = N/A)
    ("0.0.0.0/8", '"This network"', "RFC 791", False),
    ("0.0.0.0/32", '"This host on this network"', "RFC 1122", False),
    ("10.0.0.0/8", "Private-Use", "RFC 1918", False),
    ("100.64.0.0/10", "Shared Address Space", "RFC 6598", False),
    ("127.0.0.0/8", "Loopback", "RFC 1122", False),
    ("169.254.0.0/16", "Link Local", "RFC 3927", False),
    ("172.16.0.0/12", "Private-Use", "RFC 1918", False),
    ("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890", False),
    ("192.0.0.0/29", "IPv4 Service Continuity Prefix", "RFC 7335", False),
    ("192.0.0.8/32", "IPv4 dummy address", "RFC 7600", False),
    ("192.0.0.9/32", "Port Control Protocol Anycast", "RFC 7723", True),
    ("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", "RFC 8155", True),
    ("192.0.0.170/32", "NAT64/DNS64 Discovery", "RFC 8880", False),
    ("192.0.0.171/32", "NAT64/DNS64 Discovery", "RFC 8880", False),
    ("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737", False),
    ("192.31.196.0/24", "AS112-v4", "RFC 7535", True),
    ("192.52.193.0/24", "AMT", "RFC 7450", True),
    ("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526", None),
    ("192.168.0.0/16", "Private-Use", "RFC 1918", False),
    ("192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534", True),
    ("198.18.0.0/15", "Benchmarking", "RFC 2544", False),
    ("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737", False),
    ("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737", False),
    ("240.0.0.0/4", "Reserved", "RFC 1112", False),
    ("255.255.255.255/32", "Limited Broadcast", "RFC 919", False),
    # IPv6
    ("::1/128", "Loopback Address", "RFC 4291", False),
    ("::/128", "Unspecified Address", "RFC 4291", False),
    ("::ffff:0:0/96", "IPv4-mapped Address", "RFC 4291", False),
    ("64:ff9b::/96", "IPv4-IPv6 Translat.", "RFC 6052", True),
    ("64:ff9b:1::/48", "IPv4-IPv6 Translat.", "RFC 8215", False),
    ("100::/64", "Discard-Only Address Block", "RFC 6666", False),
    ("2001::/23", "IETF Protocol Assignments", "RFC 2928", False),
    ("2001::/32", "TEREDO", "RFC 4380", None),
    ("2001:1::1/128", "Port Control Protocol Anycast", "RFC 7723", True),
    ("2001:1::2/128", "Traversal Using Relays around NAT Anycast", "RFC 8155", True),
    ("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", "RFC 9665", True),
    ("2001:2::/48", "Benchmarking", "RFC 5180", False),
    ("2001:3::/32", "AMT", "RFC 7450", True),
    ("2001:4:112::/48", "AS112-v6", "RFC 7535", True),
    ("2001:10::/28", "Deprecated (previously ORCHID)", "RFC 4843", None),
    ("2001:20::/28", "ORCHIDv2", "RFC 7343", True),
    ("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "RFC 9374", True),
    ("2001:db8::/32", "Documentation", "RFC 3849", False),
    ("2002::/16", "6to4", "RFC 3056", None),
    ("2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534", True),
    ("3fff::/20", "Documentation", "RFC 9637", False),
    ("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602", False),
    ("fc00::/7", "Unique-Local", "RFC 4193", False),
    ("fe80::/10", "Link-Local Unicast", "RFC 4291", False),
)

# Not in the special-purpose registries, refused as well: multicast (its own registries),
# the deprecated site-local fec0::/10 (RFC 3879; still routed inside some networks) and the
# deprecated IPv4-compatible ::/96 (RFC 4291 2.5.5.1; judged by the IPv4 address it embeds).
OTHER_REFUSED: tuple[tuple[str, str, str], ...] = (
    ("224.0.0.0/4", "Multicast", "RFC 5771"),
    ("ff00::/8", "Multicast", "RFC 4291"),
    ("fec0::/10", "Site-Local (deprecated)", "RFC 3879"),
)

NAT64_WELL_KNOWN = ipaddress.IPv6Network("64:ff9b::/96")
_REFUSED_NETWORKS: tuple[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str], ...] = tuple(
    (ipaddress.ip_network(prefix), f"{name} ({prefix}, {rfc})")
    for prefix, name, rfc in (*(entry[:3] for entry in SPECIAL_PURPOSE_REGISTRY), *OTHER_REFUSED)
    if ipaddress.ip_network(prefix) != NAT64_WELL_KNOWN
)
_SIXTO4 = ipaddress.IPv6Network("2002::/16")
_TEREDO = ipaddress.IPv6Network("2001::/32")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def embedded_ipv4(address: IPAddress) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries: IPv4-mapped and -compatible (last 32 bits),
    6to4 (bits 16-47), Teredo (server, and the client XOR 0xffffffff), NAT64 (RFC 6052: the
    last 32 bits of 64:ff9b::/96; for the /48 local-use prefix bits 48-63 and 72-87)."""
    if not isinstance(address, ipaddress.IPv6Address):
        return []
    value = int(address)
    if address.ipv4_mapped is not None:
        return [address.ipv4_mapped]
    if address in _TEREDO and address.teredo is not None:
        return list(address.teredo)
    if address.sixtofour is not None:
        return [address.sixtofour]
    if address in NAT64_WELL_KNOWN:
        return [ipaddress.IPv4Address(value & 0xFFFFFFFF)]
    if address in _NAT64_LOCAL:
        high = (value >> 64) & 0xFFFF
        low = (value >> 40) & 0xFFFF
        return [ipaddress.IPv4Address((high << 16) | low)]
    if address in _IPV4_COMPATIBLE and value > 1:
        return [ipaddress.IPv4Address(value & 0xFFFFFFFF)]
    return []


def refusal_reason(address: IPAddress) -> str | None:
    """Why a fetcher must not connect to ``address`` (None: a public unicast address)."""
    for inner in embedded_ipv4(address):
        reason = refusal_reason(inner)
        if reason is not None:
            return f"embeds {inner}: {reason}"
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return None  # the connection goes to the embedded IPv4 address, checked above
    for network, name in _REFUSED_NETWORKS:
        if address.version == network.version and address in network:
            return name
    if address.is_multicast or address.is_unspecified or address.is_loopback or address.is_link_local:
        return "not a unicast public address"
    return None


def public_address(address: IPAddress) -> bool:
    """True for an address on the public internet (what a fetcher may connect to by default)."""
    return refusal_reason(address) is None


def any_address(address: IPAddress) -> bool:
    return True


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"Cannot resolve host {host!r}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True)
class FetchPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 60.0
    min_rate: float = 0.0  # bytes/s; 0 turns the check off
    min_rate_grace: float = 10.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    address_allowed: Callable[[IPAddress], bool] = public_address
    resolver: Resolver = system_resolver
    accept: str = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


@dataclass(frozen=True)
class FetchResult:
    url: str  # after redirects
    status: int  # 200, or 304 for a conditional GET whose validators matched
    headers: Mapping[str, str]  # lower-cased names
    body: bytes = b""
    redirects: tuple[str, ...] = field(default_factory=tuple)  # every URL before ``url``

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"')
        return None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]


def check_url(url: str, *, policy: FetchPolicy) -> _Target:
    """Validate ``url`` and resolve its host; raises ``UnsafeURLError`` or ``FetchError``.

    Cheap enough to call synchronously before a fetch is enqueued, so an API caller learns at
    once that a URL is refused.
    """
    if not isinstance(url, str) or not url.strip():
        raise UnsafeURLError("A URL is required.")
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeURLError(f"Malformed URL: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsafeURLError(f"Only http and https URLs can be fetched, not {scheme or 'a URL without a scheme'}.")
    if parts.username or parts.password:
        raise UnsafeURLError("URLs with credentials are not fetched.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UnsafeURLError("The URL has no host.")
    port = port or (443 if scheme == "https" else 80)
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    addresses = [str(literal)] if literal is not None else policy.resolver(host, port)
    if not addresses:
        raise FetchError(f"Cannot resolve host {host!r}.")
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not policy.address_allowed(ip):
            reason = refusal_reason(ip) if isinstance(ip, ipaddress.IPv4Address | ipaddress.IPv6Address) else None
            raise UnsafeURLError(
                f"Refusing to fetch {host}: it resolves to {ip}, a private, loopback, link-local or "
                f"otherwise non-public address{f' ({reason})' if reason else ''} "
                "(set FETCH_ALLOW_PRIVATE_ADDRESSES to allow it)."
            )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    clean = urlunsplit((scheme, parts.netloc, parts.path or "/", parts.query, ""))
    return _Target(url=clean, scheme=scheme, host=host, port=port, path=path, addresses=tuple(addresses))


class _Deadline:
    """The limits every read of one fetch obeys (see ``_DeadlineReads``)."""

    def __init__(self, *, deadline: float, read_timeout: float, min_rate: float, grace: float) -> None:
        self.deadline = deadline
        self.read_timeout = read_timeout
        self.min_rate = min_rate
        self.grace = grace
        self.started = time.monotonic()
        self.received = 0

    def wait(self) -> tuple[float, type[TimeoutError]]:
        """How long the next read may block, and what it means if it does not return by then."""
        now = time.monotonic()
        remaining = self.deadline - now
        if remaining <= 0:
            raise DeadlineExceeded("total time is up")
        wait = min(self.read_timeout, remaining)
        reason: type[TimeoutError] = DeadlineExceeded
        if remaining > self.read_timeout:
            reason = TimeoutError  # a plain read timeout
        if self.min_rate > 0:
            # The moment the average rate since the start falls below min_rate (never before the grace).
            slow_at = self.started + max(self.grace, self.received / self.min_rate)
            if slow_at - now < wait:
                if slow_at <= now:
                    raise TooSlow("below the minimum rate")
                wait, reason = slow_at - now, TooSlow
        return wait, reason

    def count(self, received: int) -> None:
        self.received += received


class _DeadlineReads:
    """Mixin for socket classes: every read waits at most what ``_Deadline.wait`` allows."""

    _limits: _Deadline | None = None

    def _read(self, read: Callable[[], int | bytes]) -> int | bytes:
        limits = self._limits
        if limits is None:
            return read()
        wait, reason = limits.wait()
        self.settimeout(wait)  # type: ignore[attr-defined]
        try:
            result = read()
        except TimeoutError as exc:
            if isinstance(exc, (DeadlineExceeded, TooSlow)):
                raise
            raise reason(str(exc) or "timed out") from exc
        size = result if isinstance(result, int) else len(result)
        if not size and time.monotonic() >= limits.deadline:
            raise DeadlineExceeded("total time is up")  # the watchdog shut the socket: not a real end of stream
        limits.count(size)
        return result

    def recv_into(self, buffer, nbytes=0, flags=0):
        return self._read(lambda: super(_DeadlineReads, self).recv_into(buffer, nbytes, flags))  # type: ignore[misc]

    def recv(self, bufsize, flags=0):
        return self._read(lambda: super(_DeadlineReads, self).recv(bufsize, flags))  # type: ignore[misc]


class _DeadlineSocket(_DeadlineReads, socket.socket):
    pass


class _DeadlineSSLSocket(_DeadlineReads, ssl.SSLSocket):
    def recv_into(self, buffer, nbytes=None, flags=0):
        return self._read(lambda: ssl.SSLSocket.recv_into(self, buffer, nbytes, flags))

    def recv(self, buflen=1024, flags=0):
        return self._read(lambda: ssl.SSLSocket.recv(self, buflen, flags))


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to an already-validated address while sending the original Host header.

    With ``limits`` every read (status line, headers, body) obeys the fetch's deadline and
    minimum rate, and a watchdog shuts the socket down when the deadline passes, whatever
    the connection is blocked in.
    """

    def __init__(
        self,
        host: str,
        port: int,
        *,
        address: str,
        timeout: float,
        connect_timeout: float,
        limits: _Deadline | None = None,
    ) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address
        self._connect_timeout = connect_timeout
        self._limits = limits
        self._watchdog: threading.Timer | None = None
        self._watched: socket.socket | None = None

    def _open_socket(self) -> socket.socket:
        connect_timeout = self._connect_timeout
        if self._limits is not None:
            connect_timeout = max(0.001, min(connect_timeout, self._limits.deadline - time.monotonic()))
        plain = socket.create_connection((self._address, self.port), timeout=connect_timeout)
        if self._limits is None:
            plain.settimeout(self.timeout)
            return plain
        sock = _DeadlineSocket(plain.family, plain.type, plain.proto, fileno=plain.detach())
        sock.settimeout(max(0.001, min(float(self.timeout or 0), self._limits.deadline - time.monotonic())))
        self._arm_watchdog(sock)
        return sock

    def _arm_watchdog(self, sock: socket.socket) -> None:
        assert self._limits is not None
        self._watched = sock

        def expire() -> None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:  # already closed; or a TLS handshake, bounded by the socket's own timeout
                pass

        self._watchdog = threading.Timer(max(0.0, self._limits.deadline - time.monotonic()), expire)
        self._watchdog.daemon = True
        self._watchdog.start()

    def _limit(self, sock: socket.socket) -> socket.socket:
        if self._limits is not None and isinstance(sock, _DeadlineReads):
            sock._limits = self._limits
        return sock

    def connect(self) -> None:
        self.sock = self._limit(self._open_socket())

    def close(self) -> None:
        super().close()
        if self._watchdog is not None:
            self._watchdog.cancel()


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    def __init__(
        self,
        host: str,
        port: int,
        *,
        address: str,
        timeout: float,
        connect_timeout: float,
        limits: _Deadline | None = None,
    ) -> None:
        super().__init__(host, port, address=address, timeout=timeout, connect_timeout=connect_timeout, limits=limits)
        self._context = ssl.create_default_context()
        if limits is not None:
            self._context.sslsocket_class = _DeadlineSSLSocket

    def connect(self) -> None:
        # The handshake is one operation bounded by the socket's timeout (at most the time left);
        # after it the watchdog watches the TLS socket, which now owns the connection.
        self.sock = self._limit(self._context.wrap_socket(self._open_socket(), server_hostname=self.host))
        self._watched = self.sock


def _read_body(response: http.client.HTTPResponse, *, policy: FetchPolicy, deadline: float, url: str) -> bytes:
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > policy.max_bytes:
        raise TooLargeError(f"{url} is {int(length)} bytes, over the {policy.max_bytes}-byte limit.")
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    decompressor = None
    if encoding in ("gzip", "x-gzip"):
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decompressor = zlib.decompressobj()
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise DeadlineExceeded("total time is up")
        chunk = response.read1(64 * 1024) if hasattr(response, "read1") else response.read(64 * 1024)
        if not chunk:
            break
        if decompressor is not None:
            # Never inflate more than the limit allows: a small gzip bomb stays small.
            chunk = decompressor.decompress(chunk, policy.max_bytes + 1 - size)
        size += len(chunk)
        if size > policy.max_bytes:
            raise TooLargeError(f"{url} is over the {policy.max_bytes}-byte limit.")
        chunks.append(chunk)
    return b"".join(chunks)


def _request(
    target: _Target, *, policy: FetchPolicy, headers: Mapping[str, str], deadline: float
) -> tuple[int, dict[str, str], bytes]:
    connection_class = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    last_error: OSError | None = None
    for address in target.addresses:
        if time.monotonic() >= deadline:
            break
        limits = _Deadline(
            deadline=deadline, read_timeout=policy.read_timeout, min_rate=policy.min_rate, grace=policy.min_rate_grace
        )
        connection = connection_class(
            target.host,
            target.port,
            address=address,
            timeout=policy.read_timeout,
            connect_timeout=policy.connect_timeout,
            limits=limits,
        )
        try:
            connection.request("GET", target.path, headers=dict(headers))
            response = connection.getresponse()
            status = response.status
            response_headers = {name.lower(): value for name, value in response.getheaders()}
            if status in REDIRECT_STATUSES or status == 304 or status >= 400:
                body = b""
            else:
                body = _read_body(response, policy=policy, deadline=deadline, url=target.url)
            return status, response_headers, body
        except TooSlow as exc:
            raise FetchError(
                f"Gave up on {target.url}: it arrived at {limits.received / max(time.monotonic() - limits.started, 1e-9):.0f} "
                f"bytes/s, below the minimum of {policy.min_rate:.0f} bytes/s (FETCH_MIN_RATE)."
            ) from exc
        except (TimeoutError, ssl.SSLError, ConnectionError, OSError, http.client.HTTPException) as exc:
            if isinstance(exc, DeadlineExceeded) or time.monotonic() >= deadline:
                # Whatever the socket was doing (headers, body, handshake) when the watchdog shut it.
                raise FetchError(
                    f"Gave up on {target.url}: no complete answer within {policy.total_timeout:g} s (FETCH_TOTAL_TIMEOUT)."
                ) from exc
            if isinstance(exc, (socket.timeout, TimeoutError)):
                raise FetchError(f"Timed out fetching {target.url}.") from exc
            if isinstance(exc, ssl.SSLError):
                raise FetchError(f"TLS error fetching {target.url}: {exc}") from exc
            last_error = exc if isinstance(exc, OSError) else OSError(str(exc))
            continue
        finally:
            connection.close()
    if time.monotonic() >= deadline:
        raise FetchError(
            f"Gave up on {target.url}: no complete answer within {policy.total_timeout:g} s (FETCH_TOTAL_TIMEOUT)."
        )
    raise FetchError(f"Cannot connect to {target.host}: {last_error}")


def fetch(url: str, *, policy: FetchPolicy | None = None, headers: Mapping[str, str] | None = None) -> FetchResult:
    """GET ``url`` under ``policy``. ``headers`` may add conditional-GET validators
    (``If-None-Match``, ``If-Modified-Since``); a 304 answer is a result, not an error.

    Raises ``UnsafeURLError``, ``TooLargeError``, ``TooManyRedirectsError``, ``HTTPStatusError``
    (4xx/5xx) or ``FetchError`` (network, timeout).
    """
    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.total_timeout
    request_headers = {
        "User-Agent": policy.user_agent,
        "Accept": policy.accept,
        "Accept-Encoding": "gzip, deflate",
        "Connection": "close",
        **(headers or {}),
    }
    redirects: list[str] = []
    current = url
    while True:
        target = check_url(current, policy=policy)
        netloc_host = urlsplit(target.url).netloc
        status, response_headers, body = _request(
            target, policy=policy, headers={**request_headers, "Host": netloc_host}, deadline=deadline
        )
        if status in REDIRECT_STATUSES:
            location = response_headers.get("location", "").strip()
            if not location:
                raise FetchError(f"{target.url} answered {status} without a Location.")
            if len(redirects) >= policy.max_redirects:
                raise TooManyRedirectsError(f"Too many redirects (more than {policy.max_redirects}) starting at {url}.")
            redirects.append(target.url)
            current = urljoin(target.url, location)
            continue
        if status >= 400:
            raise HTTPStatusError(f"{target.url} answered HTTP {status}.", status=status)
        if status not in (200, 203, 304) and not 200 <= status < 300:
            raise HTTPStatusError(f"{target.url} answered HTTP {status}.", status=status)
        return FetchResult(
            url=target.url, status=status, headers=response_headers, body=body, redirects=tuple(redirects)
        )


def decode_text(result: FetchResult) -> str:
    """The body as text: the declared charset, else UTF-8, else Latin-1 (never fails)."""
    for encoding in (result.charset, "utf-8"):
        if not encoding:
            continue
        try:
            return result.body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return result.body.decode("latin-1")
