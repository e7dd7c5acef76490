"""Site search and robots.txt: results, paging and queries no visitor can break."""

import re

import pytest

from hearth.content.models import BlogPage


def result_titles(body: str) -> list[str]:
    main = body.split('role="search"')[1].split("</main>")[0]
    return re.findall(r'<li><a href="[^"]+">(.*?)</a></li>', main)


def test_search_finds_live_pages_by_their_words(demo_site, client):
    body = client.get("/search/?q=irritation").content.decode()
    assert result_titles(body) == ["The quiet work of men who care for others"]


def test_search_leaves_out_unpublished_pages(demo_site, client):
    BlogPage.objects.get(slug="the-quiet-work-of-men-who-care-for-others").unpublish()
    body = client.get("/search/?q=irritation").content.decode()
    assert result_titles(body) == []
    assert "<li>Nothing found for “irritation”.</li>" in body


def test_search_without_a_query_shows_only_the_form(demo_site, client):
    body = client.get("/search/").content.decode()
    assert '<input id="q" name="q" type="search" value="">' in body
    assert "Nothing found" not in body


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ('"irritation', "&quot;irritation"),
        ("irritation AND (", "irritation AND ("),
        ("irritation\x00", "irritation\x00"),
        ("irritation<>", "irritation&lt;&gt;"),
    ],
)
def test_malformed_queries_search_the_words(demo_site, client, query, shown):
    response = client.get("/search/", {"q": query})
    body = response.content.decode()
    assert response.status_code == 200
    assert result_titles(body) == ["The quiet work of men who care for others"]
    assert f'value="{shown}"' in body


@pytest.mark.parametrize("query", ["%%%", "\x00", "(", "*", "  "])
def test_queries_without_words_find_nothing_quietly(demo_site, client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<li>Nothing found for" in response.content.decode()


def test_search_is_never_stored_by_browsers(demo_site, client):
    assert "no-store" in client.get("/search/?q=shame")["Cache-Control"]


@pytest.mark.parametrize(
    "path", ["/resources/?topic=%00", "/resources/?state=%00", "/blog/?page=%00"]
)
def test_nul_characters_in_filters_give_a_normal_page(demo_site, client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "1-800-799-7233" in response.content.decode() or "/blog/" in path
