"""The blog: a paginated index with tag, category and feed routes, and posts."""

import math

from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from hearth.content import queries
from hearth.engagement.readers import ReadersMixin

from .base import SitePage

POSTS_PER_PAGE = 10
WORDS_PER_MINUTE = 200


@register_snippet
class BlogCategory(models.Model):
    name = models.CharField(max_length=80)
    slug = models.SlugField(unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "blog categories"

    def __str__(self) -> str:
        return self.name


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(help_text="Describe the image for people who cannot see it.")
    caption = blocks.CharBlock(required=False)

    class Meta:
        template = "content/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        template = "content/blocks/quote.html"


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False)
    text = blocks.RichTextBlock()

    class Meta:
        template = "content/blocks/callout.html"


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey("content.BlogPage", related_name="tagged_items")


def page_of(items, number: str | None):
    """A page of a list; a missing or malformed number gives page 1, too large the last."""
    return Paginator(items, POSTS_PER_PAGE).get_page(number)


class BlogIndexPage(RoutablePageMixin, SitePage):
    intro = RichTextField(blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.BlogPage"]
    max_count = 1

    class Meta:
        verbose_name = "blog index"

    def serve(self, request, *args, **kwargs):
        # RoutablePageMixin serves the tag, category and feed routes without calling
        # SitePage.serve, so the cache policy is applied here for every route.
        return self.apply_cache_policy(request, super().serve(request, *args, **kwargs))

    def posts(self):
        return (
            BlogPage.objects.live()
            .child_of(self)
            .select_related("author")
            .order_by("-originally_published", "-first_published_at")
        )

    def _listing(self, request, posts, heading: str = ""):
        return self.render(
            request,
            context_overrides={
                "posts": page_of(posts, request.GET.get("page")),
                "heading": heading,
            },
        )

    @path("")
    def index(self, request):
        return self._listing(request, self.posts())

    @path("tag/<slug:tag>/")
    def by_tag(self, request, tag: str):
        blog_tags = Tag.objects.filter(content_blogpagetag_items__isnull=False).distinct()
        found = get_object_or_404(blog_tags, slug=tag)
        return self._listing(
            request, self.posts().filter(tags=found), f"Posts tagged “{found.name}”"
        )

    @path("category/<slug:category>/")
    def by_category(self, request, category: str):
        found = get_object_or_404(BlogCategory, slug=category)
        return self._listing(
            request, self.posts().filter(categories=found), f"Posts in {found.name}"
        )

    @path("feed/")
    def feed(self, request):
        from hearth.content.feeds import BlogFeed

        return BlogFeed(self)(request)


class BlogPage(ReadersMixin, SitePage):
    author = models.ForeignKey(
        "practice.Practitioner", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    originally_published = models.DateField(
        help_text="The date the post first appeared, here or elsewhere (kept for imported posts)."
    )
    summary = models.TextField(blank=True)
    body = StreamField(
        [
            ("text", blocks.RichTextBlock()),
            ("image", ImageBlock()),
            ("quote", QuoteBlock()),
            ("callout", CalloutBlock()),
        ],
        blank=True,
    )
    message_of_support = models.TextField(
        blank=True, help_text="Leave empty to use the author's own message of support."
    )
    tags = ClusterTaggableManager(through=BlogPageTag, blank=True)
    categories = ParentalManyToManyField(BlogCategory, blank=True)

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("author"),
        FieldPanel("originally_published"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("message_of_support"),
        FieldPanel("tags"),
        FieldPanel("categories"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(SitePage.promote_panels, heading="Promote"),
            ObjectList(SitePage.settings_panels, heading="Settings"),
            ObjectList(ReadersMixin.readers_panels, heading="Readers"),
        ]
    )
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["content.BlogIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "blog post"

    @property
    def is_sensitive(self) -> bool:
        from .safety import SiteSafety

        tag = SiteSafety.load().sensitive_tag
        return self.sensitive or bool(tag and self.tags.filter(name__iexact=tag).exists())

    @property
    def reading_minutes(self) -> int:
        words = len(str(self.body).split()) if self.body else 0
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    @property
    def first_image(self):
        """The first image block's value (image, alt_text, caption): the post's OpenGraph image."""
        for block in self.body or []:
            if block.block_type == "image":
                return block.value
        return None

    @property
    def support_message(self) -> str:
        if self.message_of_support:
            return self.message_of_support
        return self.author.message_of_support if self.author else ""

    @property
    def support_signature(self) -> str:
        """Who signs the message of support: the author, with credentials ("Sam Rivera, LMFT")."""
        return str(self.author) if self.author else ""

    def readers_published_on(self):
        return self.originally_published

    def readers_author(self):
        return self.author

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["consultation_url"] = queries.consultation_booking_url()
        siblings = BlogPage.objects.live().sibling_of(self, inclusive=False)
        key = (self.originally_published, self.pk)
        context["previous_post"] = (
            siblings.filter(originally_published__lte=key[0])
            .exclude(originally_published=key[0], pk__gt=key[1])
            .order_by("-originally_published", "-pk")
            .first()
        )
        context["next_post"] = (
            siblings.filter(originally_published__gte=key[0])
            .exclude(originally_published=key[0], pk__lt=key[1])
            .order_by("originally_published", "pk")
            .first()
        )
        tag_ids = list(self.tags.values_list("pk", flat=True))
        context["related_posts"] = (
            siblings.filter(tags__in=tag_ids).distinct().order_by("-originally_published")[:3]
            if tag_ids
            else []
        )
        return context
