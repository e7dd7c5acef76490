"""Blog listings by tag and category, related posts, support messages and share images."""

import json
import re

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from hearth.content.models import BlogPage
from hearth.content.tests.test_pages import is_local, parse
from hearth.practice.models import Practitioner

SHAME = "/blog/shame-and-the-courage-to-be-seen/"


def listed_titles(body: str) -> list[str]:
    return re.findall(r'<h2><a href="[^"]+">(.*?)</a></h2>', body)


def post(slug: str) -> BlogPage:
    return BlogPage.objects.get(slug=slug)


def test_tag_route_lists_only_posts_with_that_tag(demo_site, client):
    body = client.get("/blog/tag/caregiving/").content.decode()
    assert listed_titles(body) == ["The quiet work of men who care for others"]
    assert "<p>Posts tagged “caregiving”</p>" in body


def test_category_route_lists_the_categorys_posts(demo_site, client):
    shame = post("shame-and-the-courage-to-be-seen")
    category = shame.categories.get()
    body = client.get(f"/blog/category/{category.slug}/").content.decode()
    expected = [
        page.title
        for page in BlogPage.objects.live()
        .filter(categories=category)
        .order_by("-originally_published")
    ]
    assert listed_titles(body) == expected
    assert shame.title in expected
    assert f"<p>Posts in {category.name}</p>" in body


@pytest.mark.parametrize("path", ["/blog/tag/no-such-tag/", "/blog/category/no-such-thing/"])
def test_unknown_tag_or_category_is_a_404(demo_site, client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


def test_related_posts_share_a_tag(demo_site, client):
    caregiving = post("the-quiet-work-of-men-who-care-for-others")
    shame = post("shame-and-the-courage-to-be-seen")
    shame.tags.add("caregiving")
    shame.save_revision().publish()
    body = client.get(SHAME).content.decode()
    related = body[
        body.index('id="related-heading"') : body.index(
            "</section>", body.index('id="related-heading"')
        )
    ]
    assert re.findall(r'<li><a href="([^"]+)">', related) == [caregiving.url]


def test_post_message_of_support_overrides_the_authors(demo_site, client):
    shame = post("shame-and-the-courage-to-be-seen")
    shame.message_of_support = "You deserve to be heard.\n\nTake your time."
    shame.save_revision().publish()
    body = client.get(SHAME).content.decode()
    assert re.sub(r">\s+<", "><", support_aside(body)) == (
        '<aside class="support" aria-labelledby="support-heading">'
        '<h2 id="support-heading">A Message of Support</h2>'
        "<p>You deserve to be heard.</p><p>Take your time.</p>"
        '<p class="signature">— Sam Rivera, LMFT, MHP</p></aside>'
    )
    assert "you are not weak and you are not alone" not in body


def support_aside(body: str) -> str:
    start = body.index('<aside class="support"')
    return body[start : body.index("</aside>", start) + len("</aside>")]


def test_post_shows_the_authors_message_with_heading_and_signature(demo_site, client):
    body = client.get(SHAME).content.decode()
    aside = support_aside(body)
    assert '<h2 id="support-heading">A Message of Support</h2>' in aside
    assert "<p>If something in this post felt familiar, you are not weak" in aside
    assert aside.endswith('<p class="signature">— Sam Rivera, LMFT, MHP</p>\n</aside>')


def test_post_date_is_labelled_as_the_original_post_date(demo_site, client):
    shame = post("shame-and-the-courage-to-be-seen")
    day = shame.originally_published
    body = client.get(SHAME).content.decode()
    assert (
        f'Originally posted <time datetime="{day:%Y-%m-%d}">{day:%B} {day.day}, {day.year}</time>'
        in body
    )


def test_about_page_has_its_own_message_of_support(demo_site, client):
    body = client.get("/about/").content.decode()
    aside = support_aside(body)
    assert '<h2 id="support-heading">A Message of Support</h2>' in aside
    assert "<p>Getting in touch with someone you have never met takes courage" in aside
    assert "<p>You do not need the right words" in aside
    assert '<p class="signature">— Sam Rivera, LMFT, MHP</p>' in aside
    # The practitioner's message speaks of "this post": it belongs under posts only.
    assert "this post" not in body


def test_comments_switch_on_hides_the_turned_off_line(demo_site, client):
    shame = post("shame-and-the-courage-to-be-seen")
    shame.comments_enabled = True
    shame.save_revision().publish()
    assert "Commenting has been turned off." not in client.get(SHAME).content.decode()


@pytest.fixture
def pictures(demo_site):
    photo = Image.objects.create(title="Sam", file=get_test_image_file(size=(640, 480)))
    Practitioner.objects.update(photo=photo)
    shame = post("shame-and-the-courage-to-be-seen")
    shame.body.append(
        ("image", {"image": photo, "alt_text": "A quiet lake at dawn", "caption": ""})
    )
    shame.save_revision().publish()
    return photo


def test_post_with_an_image_has_an_opengraph_image(pictures, client, site_url):
    body = client.get(SHAME).content.decode()
    parsed = parse(body)
    og_image = parsed.meta["og:image"]
    assert re.fullmatch(
        r"https://practice\.example\.org/media/images/[\w.-]+\.fill-1200x630[\w.-]*\.png",
        og_image,
    )
    assert parsed.meta["og:image:alt"] == "A quiet lake at dawn"
    assert parsed.meta["og:type"] == "article"
    posting = [json.loads(data) for data in parsed.json_ld][1]
    assert posting["image"] == og_image
    assert 'alt="A quiet lake at dawn"' in body


def test_post_without_an_image_has_no_opengraph_image(demo_site, client):
    assert "og:image" not in parse(client.get(SHAME).content.decode()).meta


@pytest.mark.parametrize("path", [SHAME, "/about/"])
def test_images_are_served_from_the_site(pictures, client, path):
    parsed = parse(client.get(path).content.decode())
    images = {url for url in parsed.urls if url.startswith("/media/")}
    # Renditions in several widths (and, in a post, WebP beside JPEG), all of the one photo.
    expected = 6 if path == SHAME else 2
    assert len(images) == expected
    stem = pictures.file.name.removeprefix("original_images/").split(".")[0]
    assert {url.split(".")[0] for url in images} == {f"/media/images/{stem}"}
    assert [url for url in parsed.urls if not is_local(url)] == []


def test_post_has_canonical_url_and_structured_data(demo_site, client, site_url):
    body = client.get(SHAME).content.decode()
    assert f'<link rel="canonical" href="https://practice.example.org{SHAME}">' in body
    assert parse(body).meta["og:url"] == f"https://practice.example.org{SHAME}"
    practice, posting = [json.loads(data) for data in parse(body).json_ld]
    assert practice == {
        "@context": "https://schema.org",
        "@type": "ProfessionalService",
        "name": "Northfork Practice",
        "url": "https://practice.example.org/",
        "email": "hello@northfork.example",
        "telephone": "+1 509 555 0142",
    }
    shame = post("shame-and-the-courage-to-be-seen")
    assert posting == {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": "Shame, and the courage to be seen",
        "datePublished": shame.originally_published.isoformat(),
        "url": f"https://practice.example.org{SHAME}",
        "author": {"@type": "Person", "name": "Sam Rivera"},
    }


def test_post_images_are_responsive_with_their_size_set(pictures, client):
    shame = post("shame-and-the-courage-to-be-seen")
    shame.body.insert(0, ("image", {"image": pictures, "alt_text": "First", "caption": ""}))
    shame.save_revision().publish()
    body = client.get(SHAME).content.decode()
    first, later = re.findall(r"<picture>.*?</picture>", body, flags=re.S)
    for picture in (first, later):
        webp = re.search(r'<source sizes="([^"]+)" srcset="([^"]+)" type="image/webp">', picture)
        assert webp.group(1) == "(min-width: 44rem) 41.5rem, calc(100vw - 2.5rem)"
        # The test image is 640 px wide: Wagtail never upscales, so 640 and 400 px files.
        widths = [candidate.split()[1] for candidate in webp.group(2).split(", ")]
        assert widths == ["640w", "400w", "640w"]
        image = re.search(r"<img [^>]+>", picture).group(0)
        assert 'width="640"' in image
        assert 'height="480"' in image
    # The first image is on screen at once; the rest wait until the reader gets near.
    assert 'loading="lazy"' not in first
    assert 'fetchpriority="high"' in first
    assert 'loading="lazy"' in later


def test_feed_links_use_the_site_address(demo_site, client, site_url):
    body = client.get("/blog/feed/").content.decode()
    assert f"<link>https://practice.example.org{SHAME}</link>" in body
    assert "<link>https://practice.example.org/blog/</link>" in body
    assert 'href="https://practice.example.org/blog/feed/"' in body
    assert "testserver" not in body
