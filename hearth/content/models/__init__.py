"""Wagtail page types, snippets and settings of the public site."""

from .about import AboutPage
from .base import SitePage
from .blog import BlogCategory, BlogIndexPage, BlogPage, BlogPageTag
from .home import HomePage
from .resources import Resource, ResourcesPage, ResourceTopic
from .safety import SiteSafety
from .services import ServicePage, ServicesIndexPage
from .standard import StandardPage

__all__ = [
    "AboutPage",
    "BlogCategory",
    "BlogIndexPage",
    "BlogPage",
    "BlogPageTag",
    "HomePage",
    "Resource",
    "ResourceTopic",
    "ResourcesPage",
    "ServicePage",
    "ServicesIndexPage",
    "SitePage",
    "SiteSafety",
    "StandardPage",
]
