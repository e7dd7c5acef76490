"""A reader's visit counts once a day, and a comment goes from the form through the admin's
queue onto the post, in Chromium against a live server."""

import pytest
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Sum
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from hearth.engagement.models import Comment, CommentStatus, DailyViews
from hearth.engagement.tests.conftest import COMMENTS_ON, use_engagement_cache
from tests.e2e.admin_sign_in import sign_in_to_admin

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
# A desktop Chrome: the default headless agent is (rightly) not counted as a reader.
CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)
POST_PATH = f"/blog/{COMMENTS_ON}/"


@pytest.fixture
def demo_login(tmp_path, settings):
    from hearth.install.setup import set_up_install

    use_engagement_cache(settings, "database")
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(django_settings.LANGUAGE_CODE)
    )
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(
                title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
            )
        )
    result = set_up_install(
        demo_file=django_settings.HEARTH_DEMO_PRACTICE_FILE, login_file=tmp_path / "login.txt"
    )
    connection.close()
    return result.username, result.password


def views_stored() -> int:
    return DailyViews.objects.aggregate(total=Sum("views"))["total"] or 0


def shown_views(page) -> str:
    counter = page.locator("[data-view-count]")
    counter.wait_for(state="visible")
    return counter.inner_text()


def test_a_visit_counts_once_a_day(browser, live_server, demo_login):
    context = browser.new_context(user_agent=CHROME)
    page = context.new_page()
    page.goto(f"{live_server.url}{POST_PATH}")
    assert shown_views(page) == "42 views · "  # the demo's starting figure, 41, plus this visit
    page.goto(f"{live_server.url}/blog/")
    page.goto(f"{live_server.url}{POST_PATH}")
    assert shown_views(page) == "42 views · "
    assert views_stored() == 1
    context.close()


def test_comment_is_approved_in_the_admin_and_published(browser, live_server, demo_login):
    username, password = demo_login
    reader = browser.new_context(user_agent=CHROME).new_page()
    reader.goto(f"{live_server.url}{POST_PATH}")
    reader.get_by_label("Your name").fill("Jordan")
    reader.get_by_label("Your comment").fill("This helped me say it out loud.\n\nThank you.")
    reader.wait_for_timeout(3200)  # the form refuses submissions faster than a person types
    reader.get_by_role("button", name="Send comment").click()
    reader.get_by_role("heading", name="Thank you for your comment").wait_for()
    assert Comment.objects.get(name="Jordan").status == CommentStatus.PENDING
    reader.goto(f"{live_server.url}{POST_PATH}")
    assert "This helped me say it out loud." not in reader.content()

    admin = browser.new_context().new_page()
    sign_in_to_admin(admin, live_server.url, username, password)
    assert "1 comment waiting" in admin.content()
    admin.goto(f"{live_server.url}/admin/comments/")
    admin.get_by_label("Select the comment by Jordan").check()
    admin.get_by_role("button", name="Approve").click()
    admin.get_by_text("1 comment approved.").wait_for()

    reader.goto(f"{live_server.url}{POST_PATH}")
    comment = reader.get_by_role("article", name="Comment by Jordan")
    assert comment.locator(".comment-body p").all_inner_texts() == [
        "This helped me say it out loud.",
        "Thank you.",
    ]
    assert reader.locator(".comment-count").inner_text() == "2 comments"
