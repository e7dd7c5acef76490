"""What the soak's clients visit: the demo's public pages, the post open to comments, the
soak's own service (practice.toml), and the rows it counts afterwards."""

import psycopg

SERVICE = "soak-call"
COMMENTED_POST = "/blog/shame-and-the-courage-to-be-seen/"
# Cached public pages (the post with the comment form is not cached, and is read too).
PAGES = [
    "/",
    "/about/",
    "/services/",
    "/services/free-consultation/",
    "/blog/",
    "/blog/when-the-one-being-hurt-is-a-man/",
    "/blog/the-quiet-work-of-men-who-care-for-others/",
    "/resources/",
    COMMENTED_POST,
]


def post_ids(database_url: str) -> tuple[list[int], int]:
    """The blog posts' page ids (for view beacons), and the commented post's."""
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT id, url_path FROM wagtailcore_page WHERE url_path LIKE '/home/blog/%/' "
            "AND depth = 4 ORDER BY id"
        ).fetchall()
    commented = next(pk for pk, path in rows if path == f"/home{COMMENTED_POST}")
    return [pk for pk, _ in rows], commented
