"""Template helpers for the public pages: JSON-LD and absolute links (from HEARTH_SITE_URL)."""

import json

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from hearth.core.site_url import absolute
from hearth.practice.models import Practice

register = template.Library()

# The same escapes Django's json_script uses, so data can never close the tag.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag
def absolute_url(path: str) -> str:
    """`path` on HEARTH_SITE_URL (never the request's host)."""
    return absolute(path)


@register.simple_tag(takes_context=True)
def practice_ld(context) -> str:
    request = context["request"]
    practice = Practice.load(request_or_site=request)
    data = {
        "@context": "https://schema.org",
        "@type": "ProfessionalService",
        "name": practice.name,
        "url": absolute("/"),
    }
    if practice.email:
        data["email"] = practice.email
    if practice.phone:
        data["telephone"] = practice.phone
    return json_ld(data)


@register.simple_tag
def post_ld(post) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "datePublished": post.originally_published.isoformat(),
        "url": post.full_url,
    }
    if post.author:
        data["author"] = {"@type": "Person", "name": post.author.name}
    picture = post.first_image
    if picture:
        data["image"] = absolute(picture["image"].get_rendition("fill-1200x630").url)
    return json_ld(data)


@register.simple_tag(takes_context=True)
def meta_description(context) -> str:
    """The page's description for search results: the editor's own, else the post's summary or
    the page's introduction, else one sentence about the practice (160 characters at most)."""
    page = context.get("page")
    for text in (
        getattr(page, "search_description", ""),
        getattr(page, "summary", ""),
        strip_tags(str(getattr(page, "intro", "") or "")),
    ):
        if text and text.strip():
            return Truncator(" ".join(text.split())).chars(160)
    practice = Practice.load(request_or_site=context["request"])
    return (
        f"{practice.name}: counseling and coaching by secure video. "
        "Book a free 15-minute consultation."
    )
