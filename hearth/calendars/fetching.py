"""Fetch a remote calendar file over HTTP with a time limit, a size limit and conditional GET.

Knows nothing of models. Used only by the background refresh, never during a web request.
Every connection, the first and each redirect's, is checked once the host is resolved and
connected: loopback, private, link-local, multicast and other non-public addresses are
refused unless the address's host is one of `internal_hosts` (a practice's own calendar
server). The check is made on the connected socket, so a name that resolves to a public
address when asked and to a private one when connecting gains nothing.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

USER_AGENT = "Hearth calendar refresh"
CHUNK_BYTES = 16 * 1024


class FetchFailed(Exception):
    """The calendar could not be fetched; the message says why, in plain words."""


@dataclass(frozen=True)
class Fetched:
    """A fresh file (`body`), or `not_modified` when the server says it has not changed."""

    body: bytes
    etag: str
    last_modified: str
    not_modified: bool = False


class AddressRefused(Exception):
    """A connection would reach an address that is not public."""


MAX_REDIRECTS = 5


def is_public_address(address: str) -> bool:
    """True for a globally routable unicast address (an IPv4-mapped IPv6 address counts as
    the IPv4 address it carries)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _CheckedConnectionMixin:
    """Refuses a connected socket whose peer is not a public address, unless the host asked
    for is one of `internal_hosts`."""

    internal_hosts: frozenset[str] = frozenset()
    host: str

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()  # type: ignore[misc]
        if self.host.lower() not in self.internal_hosts and not is_public_address(
            sock.getpeername()[0]
        ):
            sock.close()
            raise AddressRefused(self.host)
        return sock


def _checked_adapter(internal_hosts: frozenset[str]) -> HTTPAdapter:
    extra = {"internal_hosts": internal_hosts}
    http = type("CheckedHTTPConnection", (_CheckedConnectionMixin, HTTPConnection), extra)
    https = type("CheckedHTTPSConnection", (_CheckedConnectionMixin, HTTPSConnection), extra)
    http_pool = type("CheckedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http})
    https_pool = type("CheckedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https})

    class CheckedAdapter(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}

    return CheckedAdapter(max_retries=0)


def _checked_session(internal_hosts: frozenset[str]) -> requests.Session:
    session = requests.Session()
    # No proxy from the environment: the address check must see the calendar's own server.
    session.trust_env = False
    session.max_redirects = MAX_REDIRECTS
    adapter = _checked_adapter(frozenset(host.lower() for host in internal_hosts))
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def http_address(url: str) -> str:
    """webcal:// is Apple's name for an https:// calendar address."""
    if url.lower().startswith("webcal://"):
        return "https://" + url[len("webcal://") :]
    return url


def fetch_calendar(
    url: str,
    *,
    timeout_seconds: float,
    max_bytes: int,
    etag: str = "",
    last_modified: str = "",
    internal_hosts: frozenset[str] = frozenset(),
) -> Fetched:
    """GET `url`; raise FetchFailed on a network error, an HTTP error, a slow or a large answer,
    or an address (the first or a redirect's) that is not public and not in `internal_hosts`.

    `timeout_seconds` bounds the whole fetch (connecting and reading), not each read.
    """
    headers = {"User-Agent": USER_AGENT, "Accept": "text/calendar, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + timeout_seconds
    try:
        with (
            _checked_session(internal_hosts) as session,
            session.get(
                http_address(url), headers=headers, stream=True, timeout=timeout_seconds
            ) as response,
        ):
            if response.status_code == 304:
                return Fetched(b"", etag, last_modified, not_modified=True)
            if response.status_code != 200:
                raise FetchFailed(
                    f"The calendar's server answered {response.status_code} "
                    f"{response.reason or ''}".rstrip()
                    + "; check that the address is still valid."
                )
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchFailed(_too_large(max_bytes))
            body = _read_body(response, max_bytes=max_bytes, deadline=deadline)
            if body is None:
                raise FetchFailed(_too_slow(timeout_seconds))
            return Fetched(
                body,
                etag=response.headers.get("ETag", ""),
                last_modified=response.headers.get("Last-Modified", ""),
            )
    except AddressRefused as error:
        raise FetchFailed(
            "The calendar's address leads to a private or local network address, which Hearth "
            "does not fetch; a practice's own calendar server can be allowed by its host name "
            "in HEARTH_CALENDAR_INTERNAL_HOSTS."
        ) from error
    # The library's own messages repeat the address, which is a secret: say it plainly.
    except requests.Timeout as error:
        raise FetchFailed(_too_slow(timeout_seconds)) from error
    except requests.exceptions.SSLError as error:
        raise FetchFailed(
            "The calendar's server did not offer a valid secure (HTTPS) connection."
        ) from error
    except requests.ConnectionError as error:
        raise FetchFailed(
            "The calendar's server could not be reached; check the address, or it may be down "
            "for a while."
        ) from error
    except requests.TooManyRedirects as error:
        raise FetchFailed("The calendar's address sends us elsewhere too many times.") from error
    except requests.RequestException as error:
        raise FetchFailed(
            f"The calendar could not be fetched ({type(error).__name__})."
        ) from error


def _read_body(response: requests.Response, *, max_bytes: int, deadline: float) -> bytes | None:
    """The body, or None when the deadline passed while reading."""
    parts: list[bytes] = []
    size = 0
    for chunk in response.iter_content(CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            raise FetchFailed(_too_large(max_bytes))
        if time.monotonic() > deadline:
            return None
        parts.append(chunk)
    return b"".join(parts)


def _too_large(max_bytes: int) -> str:
    return (
        f"The calendar file is larger than {max_bytes / 1_000_000:g} MB, the limit "
        "(HEARTH_CALENDAR_MAX_BYTES)."
    )


def _too_slow(timeout_seconds: float) -> str:
    return f"The calendar took longer than {timeout_seconds:g} seconds to answer."


def short_address(url: str) -> str:
    """The host of a calendar address, for logs and lists (the full address is a secret)."""
    rest = http_address(url).split("://", 1)[-1]
    host = rest.split("/", 1)[0].rsplit("@", 1)[-1]
    return f"{host}/…" if "/" in rest else host
