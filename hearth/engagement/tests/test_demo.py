"""The demo install: comments on for some posts, our own approved comments, starting figures,
and a privacy notice that says what is counted and what is not."""

from hearth.content.models import BlogPage, StandardPage
from hearth.engagement.models import Comment, EngagementSettings


def test_demo_has_comments_and_figures(demo_site, client):
    assert EngagementSettings.load().comments_enabled is True
    posts = {post.slug: post for post in BlogPage.objects.all()}
    assert {slug: (p.comments_enabled, p.views_starting_figure) for slug, p in posts.items()} == {
        "when-the-one-being-hurt-is-a-man": (False, 212),
        "the-quiet-work-of-men-who-care-for-others": (True, 96),
        "shame-and-the-courage-to-be-seen": (True, 41),
    }
    assert sorted(Comment.objects.approved().values_list("name", "by_author")) == [
        ("Dan", False),
        ("M.", False),
        ("Sam Rivera", True),
    ]
    body = client.get("/blog/the-quiet-work-of-men-who-care-for-others/").content.decode()
    assert '<span class="comment-count">2 comments</span>' in body
    assert 'Sam Rivera</strong> <span class="author-badge">Author</span>' in body


def test_privacy_notice_says_what_is_counted(demo_site, client):
    body = client.get("/privacy/").content.decode()
    assert "keep only the scrambled result, and only until the end of that day" in body
    assert "Do Not Track or Global Privacy Control" in body
    assert "Your email is never shown" in body
    assert StandardPage.objects.get(slug="privacy").live


def test_previews_carry_no_beacon(post, client):
    preview = post.make_preview_request().render().content.decode()
    assert "view-beacon" not in preview
    assert 'id="view-beacon"' in client.get(post.url).content.decode()
