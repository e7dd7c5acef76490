"""Readers' comments: the switches, the form, moderation, returning commenters, anti-abuse."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from hearth.core.models import RateCounter
from hearth.engagement.models import Comment, CommentStatus, EngagementSettings

from .helpers import comment_data, send_comment


def site_settings(**values) -> EngagementSettings:
    settings = EngagementSettings.load()
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def test_post_with_comments_shows_the_form_and_no_cache(post, client):
    response = client.get(post.url)
    body = response.content.decode()
    assert '<span class="comment-count">1 comment</span></p>' in body
    assert f'action="/engagement/comments/{post.pk}/"' in body
    assert "do not share health details" in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_post_without_comments_is_cacheable(closed_post, client):
    response = client.get(closed_post.url)
    assert "Commenting has been turned off." in response.content.decode()
    assert "Cache-Control" not in response
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_new_comment_waits_for_approval(post, client):
    response = send_comment(
        client,
        post,
        name=" Alex ",
        email="Alex@Example.org",
        body="First line\nsecond line\n\n\n\nSee https://example.org/a.",
    )
    assert response.status_code == 200
    assert "will appear once it has been read and approved" in response.content.decode()
    comment = Comment.objects.get(name="Alex")
    assert comment.status == CommentStatus.PENDING
    assert comment.email == "alex@example.org"
    assert comment.body == "First line\nsecond line\n\nSee https://example.org/a."
    assert comment.body_html == (
        "<p>First line<br>second line</p><p>See "
        '<a href="https://example.org/a" rel="nofollow ugc noopener noreferrer">'
        "https://example.org/a</a>.</p>"
    )
    assert comment.link_count == 1
    assert "First line" not in client.get(post.url).content.decode()


def test_approved_comment_is_published_without_email(post, client):
    send_comment(client, post, email="alex@example.org", body="Thank you, Sam.")
    Comment.objects.filter(name="Alex").update(status=CommentStatus.APPROVED)
    body = client.get(post.url).content.decode()
    assert "<p>Thank you, Sam.</p>" in body
    assert "alex@example.org" not in body
    assert '<span class="comment-count">2 comments</span>' in body


def test_site_switch_off_refuses_a_forged_submission(post, client):
    data = comment_data(client, post)
    site_settings(comments_enabled=False)
    response = client.post(f"/engagement/comments/{post.pk}/", data)
    assert response.status_code == 403
    assert "does not take comments now" in response.content.decode()
    assert Comment.objects.filter(name="Alex").count() == 0
    assert "Commenting has been turned off." in client.get(post.url).content.decode()


def test_post_switch_off_refuses_a_forged_submission(post, client):
    data = comment_data(client, post)
    post.comments_enabled = False
    post.save_revision().publish()
    response = client.post(f"/engagement/comments/{post.pk}/", data)
    assert response.status_code == 403
    assert Comment.objects.filter(name="Alex").count() == 0


def test_comments_close_after_the_set_days(post, client):
    data = comment_data(client, post)
    site_settings(close_after_days=3)  # the post is 7 days old
    assert client.post(f"/engagement/comments/{post.pk}/", data).status_code == 403
    body = client.get(post.url).content.decode()
    assert "Comments are closed on this post." in body
    assert "comment-form" not in body
    site_settings(close_after_days=0)
    assert 'class="comment-form"' in client.get(post.url).content.decode()


def test_returning_approved_commenter_is_published_at_once(post, client):
    send_comment(client, post, email="alex@example.org", body="First.")
    Comment.objects.filter(body="First.").update(status=CommentStatus.APPROVED)
    response = send_comment(client, post, email="ALEX@example.org", body="Second, see example.org")
    assert "Your comment is published." in response.content.decode()
    assert Comment.objects.get(body="Second, see example.org").status == CommentStatus.APPROVED


def test_returning_commenter_with_too_many_links_waits(post, client):
    send_comment(client, post, email="alex@example.org", body="First.")
    Comment.objects.filter(body="First.").update(status=CommentStatus.APPROVED)
    send_comment(
        client, post, email="alex@example.org", body="a.example http://a.example www.b.example"
    )
    assert Comment.objects.get(link_count=2).status == CommentStatus.PENDING


@pytest.mark.parametrize(
    ("email", "name", "auto"),
    [
        ("", "Alex", False),
        ("other@example.org", "Alex", False),
        ("alex@example.org", "Sam", False),
    ],
)
def test_returning_needs_same_name_and_email(post, client, email, name, auto):
    send_comment(client, post, email="alex@example.org", body="First.")
    Comment.objects.filter(body="First.").update(status=CommentStatus.APPROVED)
    send_comment(client, post, email=email, name=name, body="Again.")
    assert Comment.objects.get(body="Again.").status == CommentStatus.PENDING


def test_auto_approval_can_be_turned_off(post, client):
    send_comment(client, post, email="alex@example.org", body="First.")
    Comment.objects.filter(body="First.").update(status=CommentStatus.APPROVED)
    site_settings(auto_approve_returning=False)
    send_comment(client, post, email="alex@example.org", body="Again.")
    assert Comment.objects.get(body="Again.").status == CommentStatus.PENDING


def test_honeypot_refuses(post, client):
    response = send_comment(client, post, website="http://spam.example")
    assert response.status_code == 400
    assert "Please leave this field empty." in response.content.decode()
    assert not Comment.objects.filter(name="Alex").exists()


def test_too_quick_is_refused(post, client):
    html = client.get(post.url).content.decode()
    from hearth.core.testing import form_fields

    data = form_fields(html, "form.comment-form") | {"name": "Alex", "body": "Hi"}
    response = client.post(f"/engagement/comments/{post.pk}/", data)
    assert response.status_code == 400
    assert "That was very quick." in response.content.decode()
    assert not Comment.objects.filter(name="Alex").exists()


def test_forged_stamp_is_refused(post, client):
    response = send_comment(client, post, shown="12345")
    assert "This form has expired; please reload the page." in response.content.decode()
    assert not Comment.objects.filter(name="Alex").exists()


def test_rate_limit_per_address(post, client, settings):
    settings.HEARTH_COMMENT_RATE_LIMIT_PER_IP = 2
    assert send_comment(client, post, body="One").status_code == 200
    assert send_comment(client, post, body="Two").status_code == 200
    third = send_comment(client, post, body="Three")
    assert third.status_code == 429
    assert "Please wait a while and try again" in third.content.decode()
    assert send_comment(client, post, address="203.0.113.99", body="Four").status_code == 200
    assert sorted(Comment.objects.filter(name="Alex").values_list("body", flat=True)) == [
        "Four",
        "One",
        "Two",
    ]
    assert not any("203.0.113" in key for key in RateCounter.objects.values_list("key", flat=True))


def test_rate_limit_window_passes(post, client, settings):
    settings.HEARTH_COMMENT_RATE_LIMIT_PER_IP = 1
    send_comment(client, post, body="One")
    assert send_comment(client, post, body="Two").status_code == 429
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1, minutes=1)):
        assert send_comment(client, post, body="Three").status_code == 200


def test_get_on_the_endpoint_goes_back_to_the_post(post, client):
    response = client.get(f"/engagement/comments/{post.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"{post.url}#comments"


def test_unknown_post_is_a_plain_404(db, client):
    response = client.post("/engagement/comments/999999/", {"name": "x"})
    assert response.status_code == 404
    assert "We could not find that post." in response.content.decode()


def test_comment_count_on_post_without_comments_is_zero(closed_post, client):
    body = client.get(closed_post.url).content.decode()
    assert (
        '<span class="comment-count">0 comments</span> · Commenting has been turned off.' in body
    )


def test_expired_form_comes_back_with_a_fresh_stamp(post, client):
    from hearth.core.testing import form_fields

    response = send_comment(client, post, shown="forged")
    data = form_fields(response.content.decode(), "form.comment-form")
    assert data["shown"] != "forged"
    assert data["name"] == "Alex"
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5)):
        again = client.post(f"/engagement/comments/{post.pk}/", data)
    assert again.status_code == 200
    assert Comment.objects.filter(name="Alex").count() == 1


@override_settings(HEARTH_PROOF_OF_WORK=True, HEARTH_UNPROVEN_FORMS_PER_HOUR=0)
def test_a_comment_needs_the_proof_of_work(post, client):
    from django.utils.html import escape

    from hearth.core.formguard import UNPROVEN_REFUSED
    from hearth.core.proof_of_work import FAILED
    from hearth.core.tests.test_proof_of_work import solved

    html = client.get(post.url).content.decode()
    assert 'data-proof-url="/api/v1/challenge"' in html
    refused = send_comment(client, post, proof="bm9uc2Vuc2U=")
    assert refused.status_code == 400 and escape(FAILED) in refused.content.decode()
    unproven = send_comment(client, post)  # none left for this network this hour
    assert unproven.status_code == 400
    assert escape(UNPROVEN_REFUSED) in unproven.content.decode()
    assert not Comment.objects.filter(name="Alex").exists()
    assert send_comment(client, post, proof=solved(client)).status_code in (200, 302, 303)
    assert Comment.objects.filter(name="Alex").count() == 1
