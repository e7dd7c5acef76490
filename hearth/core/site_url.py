"""Absolute links: every address a visitor or a mail reader follows starts with HEARTH_SITE_URL.

The request's host is never used: behind a proxy, in an email, an .ics file or a feed it can
be wrong, and `make run` on another port must still hand out links that work.
"""

from django.conf import settings


def site_url() -> str:
    """The site's own address without a trailing slash, e.g. "https://practice.example.org"."""
    return settings.HEARTH_SITE_URL.rstrip("/")


def absolute(path: str) -> str:
    """`path` ("/blog/", or an already absolute address) as an absolute address on this site."""
    if "://" in path:
        return path
    return site_url() + ("" if path.startswith("/") else "/") + path
