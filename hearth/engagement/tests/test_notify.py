"""The practice hears of new comments through the outbox; the email carries no comment text."""

from django.core import mail

from hearth.engagement.models import Comment, CommentStatus
from hearth.notifications.models import OutboxMessage
from hearth.notifications.rendering import forbidden_words_in
from hearth.practice.models import Practice, Practitioner

from .helpers import send_comment


def test_new_comment_queues_one_email_to_the_author(post, client):
    send_comment(client, post, body="My private story about therapy and abuse.")
    comment = Comment.objects.get(name="Alex")
    message = OutboxMessage.objects.get(kind="engagement.comment")
    assert (message.recipient, message.related_id) == (post.author.email, comment.pk)
    assert message.subject == "A new comment is waiting on your site"
    assert f"http://127.0.0.1:8000/admin/comments/{comment.pk}/" in message.text
    assert "private story" not in message.text and post.title not in message.text
    assert forbidden_words_in(message.subject + message.text) == []


def test_email_is_delivered_after_commit(post, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_comment(client, post)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([post.author.email], "A new comment is waiting on your site")
    ]


def test_auto_published_comment_says_so(post, client):
    send_comment(client, post, email="alex@example.org", body="First.")
    Comment.objects.filter(body="First.").update(status=CommentStatus.APPROVED)
    send_comment(client, post, email="alex@example.org", body="Second.")
    subjects = list(OutboxMessage.objects.order_by("pk").values_list("subject", flat=True))
    assert subjects == [
        "A new comment is waiting on your site",
        "A comment was published on your site",
    ]


def test_practice_address_when_the_post_has_no_author_email(post, client):
    Practitioner.objects.update(email="")
    send_comment(client, post)
    assert OutboxMessage.objects.get().recipient == Practice.load().email


def test_refused_comment_queues_nothing(post, client):
    send_comment(client, post, website="spam")
    assert not OutboxMessage.objects.exists()


def test_nobody_to_tell_still_takes_the_comment(post, client):
    Practitioner.objects.update(email="")
    Practice.objects.update(email="")
    send_comment(client, post)
    assert Comment.objects.filter(name="Alex").exists()
    assert not OutboxMessage.objects.exists()
