"""Fetch a remote calendar file over HTTP with a time limit, a size limit and conditional GET.

Knows nothing of models. Used only by the background refresh, never during a web request.
"""

import time
from dataclasses import dataclass

import requests

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
) -> Fetched:
    """GET `url`; raise FetchFailed on a network error, an HTTP error, a slow or a large answer.

    `timeout_seconds` bounds the whole fetch (connecting and reading), not each read.
    """
    headers = {"User-Agent": USER_AGENT, "Accept": "text/calendar, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + timeout_seconds
    try:
        with requests.get(
            http_address(url), headers=headers, stream=True, timeout=timeout_seconds
        ) as response:
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
