"""The admin: comment queue with bulk moderation, replies as the author, dashboard and charts."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.engagement import actions
from hearth.engagement.models import Comment, CommentStatus, DailyViews
from hearth.engagement.queries import local_today
from hearth.practice.models import Practitioner
from hearth.privacy.models import AuditEntry

from .helpers import send_comment


@pytest.fixture
def admin_client(client, demo_site):
    admin = get_user_model().objects.get(username="admin")
    sign_in_with_second_factor(client, admin)
    return client


@pytest.fixture
def waiting(post, client):
    for number in range(3):
        send_comment(client, post, name=f"Reader {number}", body=f"Comment {number}")
    return list(Comment.objects.pending().order_by("pk"))


def test_queue_lists_waiting_comments_with_email(admin_client, waiting):
    waiting[0].email = "reader@example.org"
    waiting[0].save()
    body = admin_client.get("/admin/comments/").content.decode()
    for comment in waiting:
        assert f'name="comment" value="{comment.pk}"' in body
    assert "reader@example.org" in body
    assert "Shame, and the courage to be seen" in body


def test_comment_times_read_in_the_practice_zone(admin_client, waiting):
    Comment.objects.filter(pk=waiting[0].pk).update(
        created_at=dt.datetime(2027, 1, 15, 22, 5, tzinfo=dt.UTC)
    )
    assert "Jan 15, 2027 2:05 PM PST" in admin_client.get("/admin/comments/").content.decode()
    detail = admin_client.get(f"/admin/comments/{waiting[0].pk}/").content.decode()
    assert "January 15, 2027 2:05 PM PST" in detail


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve", CommentStatus.APPROVED, "2 comments approved."),
        ("reject", CommentStatus.REJECTED, "2 comments rejected."),
        ("spam", CommentStatus.SPAM, "2 comments marked as spam."),
    ],
)
def test_bulk_moderation(admin_client, waiting, post, action, status, message):
    chosen = [waiting[0].pk, waiting[2].pk]
    response = admin_client.post(
        "/admin/comments/bulk/", {"action": action, "comment": chosen}, follow=True
    )
    assert message in response.content.decode()
    assert set(
        Comment.objects.filter(status=status, pk__in=[c.pk for c in waiting]).values_list(
            "pk", flat=True
        )
    ) == set(chosen)
    assert Comment.objects.get(pk=waiting[1].pk).status == CommentStatus.PENDING
    published = admin_client.get(post.url).content.decode()
    assert ("<p>Comment 0</p>" in published) is (action == "approve")


def test_bulk_delete(admin_client, waiting):
    admin_client.post("/admin/comments/bulk/", {"action": "delete", "comment": [waiting[1].pk]})
    assert not Comment.objects.filter(pk=waiting[1].pk).exists()
    assert Comment.objects.pending().count() == 2


def audit_rows() -> list[tuple]:
    return list(
        AuditEntry.objects.order_by("pk").values_list(
            "actor", "action", "object_type", "object_id", "detail"
        )
    )


def test_moderation_records_who_did_what(admin_client, waiting):
    AuditEntry.objects.all().delete()
    chosen = [waiting[2].pk, waiting[0].pk]
    admin_client.post("/admin/comments/bulk/", {"action": "spam", "comment": chosen})
    admin_client.post("/admin/comments/bulk/", {"action": "delete", "comment": [waiting[1].pk]})
    assert audit_rows() == [
        (
            "admin",
            "comment.moderated",
            "engagement.comment",
            str(waiting[0].pk),
            {"status": "spam"},
        ),
        (
            "admin",
            "comment.moderated",
            "engagement.comment",
            str(waiting[2].pk),
            {"status": "spam"},
        ),
        ("admin", "comment.deleted", "engagement.comment", str(waiting[1].pk), {}),
    ]


def test_a_reply_records_the_approval_and_the_reply(admin_client, waiting):
    AuditEntry.objects.all().delete()
    admin_client.post(f"/admin/comments/{waiting[0].pk}/", {"body": "Thank you for writing."})
    reply = Comment.objects.get(parent=waiting[0])
    assert audit_rows() == [
        (
            "admin",
            "comment.moderated",
            "engagement.comment",
            str(waiting[0].pk),
            {"status": "approved"},
        ),
        (
            "admin",
            "comment.replied",
            "engagement.comment",
            str(reply.pk),
            {"parent": waiting[0].pk},
        ),
    ]


def test_refused_moderation_records_nothing(client, waiting):
    AuditEntry.objects.all().delete()
    with pytest.raises(actions.UnknownModeration):
        actions.moderate_comments(
            comment_ids=[waiting[0].pk], action="burn", actor="admin", now=timezone.now()
        )
    assert audit_rows() == []
    assert Comment.objects.pending().count() == 3


def test_bulk_with_nothing_chosen_or_bad_action_changes_nothing(admin_client, waiting):
    first = admin_client.post("/admin/comments/bulk/", {"action": "approve"}, follow=True)
    assert "Tick at least one comment first." in first.content.decode()
    second = admin_client.post(
        "/admin/comments/bulk/", {"action": "burn", "comment": [waiting[0].pk, "x"]}, follow=True
    )
    assert "Choose what to do with the selected comments." in second.content.decode()
    assert Comment.objects.pending().count() == 3


def test_status_tabs_and_post_filter(admin_client, waiting, closed_post):
    actions.moderate_comments(
        comment_ids=[waiting[0].pk], action="spam", actor="admin", now=timezone.now()
    )
    spam = admin_client.get("/admin/comments/?status=spam").content.decode()
    assert f'value="{waiting[0].pk}"' in spam and f'value="{waiting[1].pk}"' not in spam
    other_post = admin_client.get(f"/admin/comments/?page={closed_post.pk}").content.decode()
    assert "No comments here." in other_post
    assert admin_client.get("/admin/comments/?status=<x>&page=abc&p=zz").status_code == 200


def test_reply_as_author_publishes_and_approves(admin_client, waiting, post):
    practitioner = Practitioner.objects.get()
    response = admin_client.post(
        f"/admin/comments/{waiting[0].pk}/", {"body": "Thank you for writing."}, follow=True
    )
    assert "Your reply is published." in response.content.decode()
    reply = Comment.objects.get(parent=waiting[0])
    assert (reply.name, reply.by_author, reply.status) == (
        practitioner.name,
        True,
        CommentStatus.APPROVED,
    )
    assert Comment.objects.get(pk=waiting[0].pk).status == CommentStatus.APPROVED
    page = admin_client.get(post.url).content.decode()
    assert f'{practitioner.name}</strong> <span class="author-badge">Author</span>' in page
    assert "<p>Thank you for writing.</p>" in page


def test_empty_reply_is_refused(admin_client, waiting):
    response = admin_client.post(f"/admin/comments/{waiting[0].pk}/", {"body": " \n "})
    assert "Please write a reply before sending." in response.content.decode()
    assert not Comment.objects.filter(parent=waiting[0]).exists()


def test_dashboard_tells_of_new_comments_and_shows_views(admin_client, waiting, post):
    today = local_today()
    DailyViews.objects.create(page_id=post.pk, day=today, views=5)
    body = admin_client.get("/admin/").content.decode()
    assert "<strong>3 comments waiting</strong>" in body
    assert "Reader 2</a> on “Shame, and the courage to be seen”" in body
    assert "Views of your posts, last 90 days" in body
    assert 'class="views-chart" role="img"' in body
    assert "5 views in all" in body


def test_post_edit_page_has_its_chart(admin_client, post):
    yesterday = local_today() - dt.timedelta(days=1)
    DailyViews.objects.create(page_id=post.pk, day=yesterday, views=7)
    DailyViews.objects.create(page_id=post.pk, day=yesterday - dt.timedelta(days=200), views=9)
    body = admin_client.get(f"/admin/pages/{post.pk}/edit/").content.decode()
    assert "Views per day, last 90 days" in body
    # 41 starting + 7 + 9 shown; only the 7 fall in the last 90 days.
    assert "<strong>57 views</strong>" in body
    assert "Last 90 days: 7." in body


def test_moderation_needs_permission(client, waiting):
    user = get_user_model().objects.create_user("editor", password="x")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in_with_second_factor(client, user)
    response = client.get("/admin/comments/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    client.post("/admin/comments/bulk/", {"action": "approve", "comment": [waiting[0].pk]})
    assert Comment.objects.pending().count() == 3
    assert not AuditEntry.objects.filter(action__startswith="comment.").exists()


def test_menu_shows_how_many_wait(admin_client, waiting):
    body = admin_client.get("/admin/comments/").content.decode()
    assert "Comments (3 waiting)" in body
