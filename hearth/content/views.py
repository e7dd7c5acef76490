"""Thin views outside the page tree: site search, robots.txt and /favicon.ico."""

import re

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from wagtail.models import Page

from hearth.core.site_url import absolute

MAX_QUERY_LENGTH = 200


@never_cache  # what someone searched for stays out of every cache
def search(request):
    # SQLite's FTS5 rejects stray quotes and operators ("AND", "(") with an error,
    # so only the words are searched: nothing a visitor types gives a 500.
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    words = " ".join(re.findall(r"\w+", query))
    pages = Page.objects.live().public().specific()
    results = pages.search(words) if words else Page.objects.none()
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(request, "content/search.html", {"query": query, "results": page})


def robots_txt(request):
    # The list of services is a way in from a search; the times, forms and personal links
    # behind it are not pages to index (and computing times for crawlers is wasted work).
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /book/$",
        "Disallow: /book/",
        "Disallow: /engagement/",
        f"Sitemap: {absolute('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def favicon(request):
    """Browsers ask for /favicon.ico wherever a page names no icon (a feed, robots.txt)."""
    return HttpResponsePermanentRedirect(static("icons/favicon-32.png"))
