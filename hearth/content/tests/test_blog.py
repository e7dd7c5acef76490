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
    shame.message_of_support = "You deserve to be heard."
    shame.save_revision().publish()
    body = client.get(SHAME).content.decode()
    assert (
        '<aside class="support" aria-label="A message of support"><p>You deserve to be heard.</p></aside>'
        in body
    )
    assert "you are not weak and you are not alone" not in body


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


def test_post_with_an_image_has_an_opengraph_image(pictures, client):
    body = client.get(SHAME).content.decode()
    parsed = parse(body)
    og_image = parsed.meta["og:image"]
    assert re.fullmatch(
        r"http://testserver/media/images/[\w.-]+\.fill-1200x630[\w.-]*\.png", og_image
    )
    assert parsed.meta["og:image:alt"] == "A quiet lake at dawn"
    assert parsed.meta["og:type"] == "article"
    posting = [json.loads(data) for data in parsed.json_ld][1]
    assert posting["image"] == og_image
    assert '<img alt="A quiet lake at dawn"' in body


def test_post_without_an_image_has_no_opengraph_image(demo_site, client):
    assert "og:image" not in parse(client.get(SHAME).content.decode()).meta


@pytest.mark.parametrize("path", [SHAME, "/about/"])
def test_images_are_served_from_the_site(pictures, client, path):
    parsed = parse(client.get(path).content.decode())
    images = [url for url in parsed.urls if url.startswith("/media/")]
    assert len(images) == 1
    assert [url for url in parsed.urls if not is_local(url)] == []


def test_post_has_canonical_url_and_structured_data(demo_site, client):
    body = client.get(SHAME).content.decode()
    assert f'<link rel="canonical" href="http://localhost{SHAME}">' in body
    practice, posting = [json.loads(data) for data in parse(body).json_ld]
    assert practice == {
        "@context": "https://schema.org",
        "@type": "ProfessionalService",
        "name": "Northfork Practice",
        "url": "http://testserver/",
        "email": "hello@northfork.example",
        "telephone": "+1 509 555 0142",
    }
    shame = post("shame-and-the-courage-to-be-seen")
    assert posting == {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": "Shame, and the courage to be seen",
        "datePublished": shame.originally_published.isoformat(),
        "url": f"http://testserver{SHAME}",
        "author": {"@type": "Person", "name": "Sam Rivera"},
    }
