"""Every public page renders with the crisis line, policy links, CSP and nothing off-site."""

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from hearth.content.models import BlogIndexPage, BlogPage, HomePage, ServicePage

CRISIS = (
    'In danger or crisis? Call <a href="tel:911">911</a>, or call or text '
    '<a href="tel:988">988</a>.'
)
PUBLIC_PATHS = [
    "/",
    "/about/",
    "/services/",
    "/services/counseling/",
    "/blog/",
    "/blog/when-the-one-being-hurt-is-a-man/",
    "/blog/tag/caregiving/",
    "/blog/category/men-and-help/",
    "/resources/",
    "/privacy/",
    "/health-data/",
    "/search/?q=shame",
]


# Tags whose src/srcset/href the browser fetches by itself (links: every rel but these).
FETCHED_BY_TAG = {
    "script",
    "img",
    "source",
    "iframe",
    "embed",
    "object",
    "video",
    "audio",
    "track",
    "input",
    "link",
}
NOT_FETCHED_RELS = {"canonical", "alternate"}


class AssetParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.json_ld: list[str] = []
        self.meta: dict[str, str] = {}
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and attributes.get("property"):
            self.meta[attributes["property"]] = attributes.get("content", "")
        if tag == "link" and attributes.get("rel") in NOT_FETCHED_RELS:
            pass
        elif tag in FETCHED_BY_TAG:
            for name in ("src", "href", "data", "poster"):
                if attributes.get(name):
                    self.urls.append(attributes[name])
            for name in ("srcset", "imagesrcset"):
                for candidate in (attributes.get(name) or "").split(","):
                    if candidate.strip():
                        self.urls.append(candidate.split()[0])
        if attributes.get("style") and "url(" in attributes["style"]:
            self.urls.append(attributes["style"])
        self._in_ld = tag == "script" and attributes.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(data)
            self._in_ld = False


def is_local(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//")


def parse(body: str) -> AssetParser:
    parser = AssetParser()
    parser.feed(body)
    return parser


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_page_renders_safely(demo_site, client, path):
    response = client.get(path)
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<p class="crisis-line">{CRISIS}</p>' in body
    assert '<a href="/privacy/">Privacy notice</a>' in body
    assert '<a href="/health-data/">Health data policy</a>' in body
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "default-src 'self'" in policy
    parsed = parse(body)
    assert parsed.urls
    assert [url for url in parsed.urls if not is_local(url)] == []
    assert "<script>" not in body  # no inline scripts
    for data in parsed.json_ld:
        json.loads(data)


def test_home_page_has_consultation_call_and_latest_posts(demo_site, client):
    body = client.get("/").content.decode()
    assert (
        '<a class="cta" href="/book/free-consultation/">Book a free 15-minute consultation</a>'
        in body
    )
    assert '<a href="/services/counseling/">Counseling by video</a>' in body
    assert (
        '<a href="/blog/shame-and-the-courage-to-be-seen/">Shame, and the courage to be seen</a>'
        in body
    )
    assert '<a href="/services/coaching/">Coaching by video</a>' in body


def test_about_page_states_licenses_and_availability(demo_site, client):
    body = client.get("/about/").content.decode()
    assert "Licensed in Idaho (LMFT #LMFT-20817) and Washington (LMFT #LF 61054321)." in body
    assert (
        "Counseling by video is available only while you are physically in Idaho or "
        "Washington during the session." in body
    )
    assert "Coaching by video is offered to clients anywhere in the US." in body


def test_service_page_shows_facts_and_book_link(demo_site, client):
    body = client.get("/services/counseling/").content.decode()
    assert "<dt>Fee</dt><dd>$150</dd>" in body
    assert "<dt>Length</dt><dd>50 minutes</dd>" in body
    assert '<a class="cta" href="/book/counseling/">Book Counseling by video</a>' in body


def test_blog_post_shows_author_support_and_comments_off(demo_site, client):
    body = client.get("/blog/shame-and-the-courage-to-be-seen/").content.decode()
    assert '<a href="/about/">Sam Rivera, LMFT, MHP</a>' in body
    assert "1 min read" in body
    assert "If something in this post felt familiar, you are not weak" in body
    assert "Previous: <a" in body


def test_blog_post_without_comments_says_so(demo_site, client):
    body = client.get("/blog/when-the-one-being-hurt-is-a-man/").content.decode()
    assert (
        '<span class="comment-count">0 comments</span> · Commenting has been turned off.</p>'
        in body
    )
    assert "<form" not in body.split('id="comments"')[1]


def test_blog_post_json_ld_is_a_blog_posting(demo_site, client):
    body = client.get("/blog/shame-and-the-courage-to-be-seen/").content.decode()
    kinds = [json.loads(data)["@type"] for data in parse(body).json_ld]
    assert kinds == ["ProfessionalService", "BlogPosting"]


def test_quick_exit_only_on_sensitive_pages(demo_site, client):
    sensitive = ["/resources/", "/blog/when-the-one-being-hurt-is-a-man/"]
    for path in PUBLIC_PATHS:
        body = client.get(path).content.decode()
        has_exit = 'id="quick-exit"' in body
        assert has_exit is (path in sensitive), path
        if has_exit:
            # First focusable element on the page, before the skip link.
            assert body.index('id="quick-exit"') < body.index('class="skip-link"')
            assert "It does not erase your browser history." in body
            assert '<script src="/static/js/quick-exit.js" defer></script>' in body


def test_feed_and_sitemap_parse(demo_site, client, site_url):
    feed = ET.fromstring(client.get("/blog/feed/").content)  # noqa: S314 (our own output)
    titles = [item.findtext("title") for item in feed.iter("item")]
    assert titles == [
        "Shame, and the courage to be seen",
        "The quiet work of men who care for others",
        "When the one being hurt is a man",
    ]
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = {loc.text for loc in sitemap.iter(f"{namespace}loc")}
    assert "https://practice.example.org/blog/shame-and-the-courage-to-be-seen/" in locations
    assert len(locations) == Page.objects.live().filter(depth__gte=2).count()


def test_robots_txt_points_to_sitemap(demo_site, client, site_url):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: https://practice.example.org/sitemap.xml" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/blog/?page=abc",
        "/blog/?page=-1",
        "/blog/?page=99999",
        "/search/?q=%22unbalanced+(AND+OR",
        "/search/?q=NOT",
        "/search/?q=" + "x" * 5000,
        "/search/?q=shame&page=zz",
        "/resources/?topic=nope&state=ZZ",
        "/resources/?topic=crisis&state=WA",
    ],
)
def test_bad_input_gives_a_normal_page(demo_site, client, path):
    assert client.get(path).status_code == 200


def test_unknown_path_gives_designed_404(demo_site, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "<h1>Page not found</h1>" in body
    assert CRISIS in body


def test_resources_filter_by_topic(demo_site, client):
    body = client.get("/resources/?topic=sexual-abuse").content.decode()
    assert re.findall(r"<h2>(.*?)</h2>", body) == ["1in6"]
    body = client.get("/resources/").content.decode()
    assert "1-800-799-7233" in body and "Text START to 88788" in body


def test_page_creation_rules(demo_site):
    assert BlogPage.allowed_parent_page_models() == [BlogIndexPage]
    assert ServicePage.can_create_at(BlogIndexPage.objects.get()) is False
    assert HomePage.can_create_at(Page.get_first_root_node()) is False  # max_count 1
    assert BlogIndexPage.can_create_at(HomePage.objects.get()) is False  # one blog


def _add_posts(index, count):
    first = BlogPage.objects.first()
    for number in range(count):
        post = BlogPage(
            title=f"Extra {number}",
            author=first.author,
            originally_published=first.originally_published,
        )
        index.add_child(instance=post)
        post.save_revision().publish()


def test_blog_index_query_count_does_not_grow_with_posts(demo_site, client):
    index = BlogIndexPage.objects.get()
    BlogPage.objects.exclude(pk=BlogPage.objects.first().pk).delete()
    client.get("/blog/")
    with CaptureQueriesContext(connection) as one:
        client.get("/blog/")
    _add_posts(index, 9)
    assert BlogPage.objects.live().count() == 10
    with CaptureQueriesContext(connection) as ten:
        client.get("/blog/")
    assert len(ten) == len(one)


def test_favicon_ico_leads_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/icons/favicon-32.png")


def description_of(body: str) -> str:
    return re.search(r'<meta name="description" content="([^"]*)">', body).group(1)


def test_every_public_page_has_a_description(demo_site, client):
    for path in [*PUBLIC_PATHS, "/book/", "/workshops/"]:
        assert description_of(client.get(path).content.decode()), path
    post = client.get("/blog/shame-and-the-courage-to-be-seen/").content.decode()
    assert description_of(post) == (
        "Shame tells us to hide. Being seen, a little at a time, loosens its grip."
    )
    home = client.get("/").content.decode()
    assert description_of(home) == (
        "Taking the first step is the hardest part. You are welcome here."
    )
    assert description_of(client.get("/book/").content.decode()) == (
        "Northfork Practice: counseling and coaching by secure video. "
        "Book a free 15-minute consultation."
    )


def test_robots_txt_lets_the_service_list_be_found_but_nothing_behind_it(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert lines[:4] == [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /book/$",
        "Disallow: /book/",
    ]
