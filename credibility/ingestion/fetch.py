"""A small, defensive HTTP GET for pages and feeds. Pure Python (stdlib only), no Django.

Guarantees, for every hop of a redirect chain:
- only ``http`` and ``https``, no credentials in the URL;
- the host is resolved with ``getaddrinfo`` and *every* address it resolves to is checked with
  ``ipaddress``: private, loopback, link-local, multicast, reserved and unspecified addresses
  (and IPv4-mapped forms of them) are refused unless the policy allows them;
- the connection goes to one of the addresses that were checked (never a second lookup that a
  rebinding DNS server could answer differently); TLS still verifies the certificate for the
  host name;
- redirects are followed by hand, at most ``max_redirects``, each one validated again;
- connect and read timeouts, an overall deadline, and a size limit on the (decompressed) body.

The caller passes a ``FetchPolicy``; ``credibility.services.ingestion`` builds it from settings.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
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


class HTTPStatusError(FetchError):
    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


def public_address(address: IPAddress) -> bool:
    """True for an address on the public internet (what a fetcher may connect to by default)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return public_address(address.ipv4_mapped)
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


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
    total_timeout: float = 30.0
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
            raise UnsafeURLError(
                f"Refusing to fetch {host}: it resolves to {ip}, a private, loopback, link-local or "
                "otherwise non-public address (set FETCH_ALLOW_PRIVATE_ADDRESSES to allow it)."
            )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    clean = urlunsplit((scheme, parts.netloc, parts.path or "/", parts.query, ""))
    return _Target(url=clean, scheme=scheme, host=host, port=port, path=path, addresses=tuple(addresses))


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to an already-validated address while sending the original Host header."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float, connect_timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address
        self._connect_timeout = connect_timeout

    def _open_socket(self) -> socket.socket:
        sock = socket.create_connection((self._address, self.port), timeout=self._connect_timeout)
        sock.settimeout(self.timeout)
        return sock

    def connect(self) -> None:
        self.sock = self._open_socket()


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float, connect_timeout: float) -> None:
        super().__init__(host, port, address=address, timeout=timeout, connect_timeout=connect_timeout)
        self._context = ssl.create_default_context()

    def connect(self) -> None:
        self.sock = self._context.wrap_socket(self._open_socket(), server_hostname=self.host)


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
            raise FetchError(f"Timed out reading {url} (over {policy.total_timeout:.0f} s).")
        chunk = response.read(64 * 1024)
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
        connection = connection_class(
            target.host, target.port, address=address, timeout=policy.read_timeout,
            connect_timeout=policy.connect_timeout,
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
        except (socket.timeout, TimeoutError) as exc:
            raise FetchError(f"Timed out fetching {target.url}.") from exc
        except ssl.SSLError as exc:
            raise FetchError(f"TLS error fetching {target.url}: {exc}") from exc
        except (ConnectionError, OSError, http.client.HTTPException) as exc:
            last_error = exc if isinstance(exc, OSError) else OSError(str(exc))
            continue
        finally:
            connection.close()
    raise FetchError(f"Cannot connect to {target.host}: {last_error}")


def fetch(
    url: str, *, policy: FetchPolicy | None = None, headers: Mapping[str, str] | None = None
) -> FetchResult:
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
                raise TooManyRedirectsError(
                    f"Too many redirects (more than {policy.max_redirects}) starting at {url}."
                )
            redirects.append(target.url)
            current = urljoin(target.url, location)
            continue
        if status >= 400:
            raise HTTPStatusError(f"{target.url} answered HTTP {status}.", status=status)
        if status not in (200, 203, 304) and not 200 <= status < 300:
            raise HTTPStatusError(f"{target.url} answered HTTP {status}.", status=status)
        return FetchResult(url=target.url, status=status, headers=response_headers, body=body, redirects=tuple(redirects))


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
