"""Helpers for comment tests: a filled-in comment form as a browser would send it."""

import datetime as dt

import time_machine
from django.utils import timezone

from hearth.core.testing import form_fields


def comment_data(client, post, **fields) -> dict:
    """The post page's comment form, filled in, shown a minute ago."""
    with time_machine.travel(timezone.now() - dt.timedelta(minutes=1)):
        html = client.get(post.url).content.decode()
    data = form_fields(html, "form.comment-form")
    data.update({"name": "Alex", "email": "", "body": "Thank you for this."})
    data.update(fields)
    return data


def send_comment(client, post, address="203.0.113.7", **fields):
    return client.post(
        f"/engagement/comments/{post.pk}/",
        comment_data(client, post, **fields),
        REMOTE_ADDR=address,
    )
