"""Whatever a reader sends, the comment form answers with a page or a clear refusal, never a
500, and nothing unsanitised is stored or shown."""

import datetime as dt

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hearth.core.formguard import shown_stamp
from hearth.engagement.forms import FORM_SALT
from hearth.engagement.models import Comment, CommentStatus
from hearth.engagement.text import sanitise

NASTY = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "javascript:alert(1)",
        '<a href="javascript:alert(1)">x</a>',
        "\x00",
        "\x01\x02\x03\x04\x05",
        "\ufffd",
        "\u202e",
        "http://example.org/<script>",
        'www.example.org"onmouseover=alert(1)',
        "\ufeff",
        "x" * 5000,
        "\r\n\r\n",
    ]
)
TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(NASTY, st.text(max_size=40)), max_size=6).map("".join),
    st.binary(max_size=200).map(lambda raw: raw.decode("latin-1")),
)


def stamp() -> str:
    with time_machine.travel(timezone.now() - dt.timedelta(minutes=1)):
        return shown_stamp(salt=FORM_SALT)


@pytest.mark.filterwarnings("ignore::UserWarning")
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=TEXT, body=TEXT, email=st.one_of(st.just(""), st.emails(), TEXT))
@example(name="Alex", body="<script>alert('x')</script>\n\nhttp://a.example/?q=<b>", email="")
@example(name="\x00", body="hello\x00", email="")
@example(name="0", body='href="', email="")
@example(name="Alex", body="x" * 3001, email="")
@example(name="   ", body="  \n\n ", email="")
@example(name="Alex", body="\x01\x02\x03\x04 binary", email="")
def test_any_input_is_refused_clearly_or_stored_safely(post, client, name, body, email):
    before = set(Comment.objects.values_list("pk", flat=True))
    response = client.post(
        f"/engagement/comments/{post.pk}/",
        {"name": name, "email": email, "body": body, "website": "", "shown": stamp()},
    )
    assert response.status_code in (200, 400)
    new = Comment.objects.exclude(pk__in=before)
    if response.status_code == 400:
        assert "Your comment was not sent. Please check the fields marked below." in (
            response.content.decode()
        )
        assert not new.exists()
        return
    comment = new.get()
    assert "\x00" not in comment.body and "\x00" not in comment.name
    assert 0 < len(comment.body) <= 3000 and 0 < len(comment.name) <= 60
    assert sanitise(comment.body_html) == comment.body_html
    assert "<script" not in comment.body_html.lower()
    tags = BeautifulSoup(comment.body_html, "html.parser").find_all(True)
    assert {tag.name for tag in tags} <= {"p", "br", "a"}
    for tag in tags:
        allowed = {"href", "rel"} if tag.name == "a" else set()
        assert set(tag.attrs) <= allowed
        assert tag.name != "a" or tag["href"].startswith(("http://", "https://"))
    Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.APPROVED)
    page = client.get(post.url)
    assert page.status_code == 200
    # JSON-LD twice, our views.js and the comment form's proof of work
    assert page.content.decode().count("<script") == 4
