"""The blog's RSS feed at /blog/feed/."""

import datetime as dt

from django.contrib.syndication.views import Feed


class BlogFeed(Feed):
    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def title(self):
        return self.index_page.title

    # Full addresses (HEARTH_SITE_URL), so the feed never names the request's host.
    def link(self):
        return self.index_page.full_url

    def feed_url(self):
        return self.index_page.full_url + "feed/"

    def description(self):
        return f"New posts from {self.index_page.get_site().site_name}."

    def items(self):
        return self.index_page.posts()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.search_description

    def item_link(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return dt.datetime.combine(item.originally_published, dt.time(12), tzinfo=dt.UTC)
