"""The demo page tree a new install starts with, written for Hearth in our own words."""

import datetime as dt

from django.utils import timezone

from hearth.engagement.demo import build_demo_engagement
from hearth.practice.models import Practitioner, Service

from .models import (
    AboutPage,
    BlogCategory,
    BlogIndexPage,
    BlogPage,
    HomePage,
    Resource,
    ResourcesPage,
    ResourceTopic,
    ServicePage,
    ServicesIndexPage,
    SiteSafety,
    StandardPage,
)

POSTS = [
    (
        "When the one being hurt is a man",
        "abuse",
        40,
        "Men are hurt by partners too, and most never tell anyone.",
        [
            "<p>Abuse in a relationship is not only something that happens to women. Men are "
            "hit, threatened, controlled, cut off from friends and money, and put down until "
            "they doubt themselves. Very few of them say so out loud.</p>",
            "<p>Why not? Many men were raised to believe they should be able to handle "
            "anything. Some fear they will be laughed at, or not believed, or that they will "
            "lose their children. Others simply have no word for what is happening to them.</p>",
            "<p>If you recognise yourself here, what happened to you matters, and it was not "
            "your fault. You can talk about it at your own pace, with someone who believes "
            "you.</p>",
        ],
    ),
    (
        "The quiet work of men who care for others",
        "caregiving",
        20,
        "Looking after a parent, partner or child can leave little room for yourself.",
        [
            "<p>More men than ever care for an ageing parent, a sick partner or a child with "
            "extra needs. The work is often invisible: appointments, medicines, lifting, "
            "worrying at three in the morning.</p>",
            "<p>Caregivers tend to put themselves last. Tiredness turns into irritation, and "
            "irritation into guilt. Asking for help can feel like failing the person you "
            "love.</p>",
            "<p>It is not failing. Rest, support and a place to say how hard it is are part "
            "of caring well, for them and for you.</p>",
        ],
    ),
    (
        "Shame, and the courage to be seen",
        "shame",
        7,
        "Shame tells us to hide. Being seen, a little at a time, loosens its grip.",
        [
            "<p>Shame is the feeling that something is wrong with who we are, not just with "
            "what we did. It keeps men silent about pain, fear and need.</p>",
            "<p>Vulnerability is not weakness. It is telling the truth about yourself to "
            "someone who has earned it. That first honest sentence is often the hardest "
            "step.</p>",
        ],
    ),
]

ABOUT_MESSAGE = (
    "Getting in touch with someone you have never met takes courage, more so if you are "
    "used to sorting things out on your own.\n\n"
    "You do not need the right words, or to be sure that something is wrong. We can start "
    "wherever you are, at a pace that suits you, and you decide what to share."
)

RESOURCES = [
    (
        "988 Suicide & Crisis Lifeline",
        "Free, confidential support at any hour if you are thinking about suicide or are in "
        "crisis. Veterans: press 1 after calling.",
        "988",
        "Text 988",
        "https://988lifeline.org",
        ["crisis"],
        False,
    ),
    (
        "National Domestic Violence Hotline",
        "Support for anyone, of any gender, who is being hurt or controlled by a partner.",
        "1-800-799-7233",
        "Text START to 88788",
        "https://www.thehotline.org",
        ["domestic-abuse", "crisis"],
        False,
    ),
    (
        "1in6",
        "Support for men who experienced sexual abuse or assault, and for those who care "
        "about them.",
        "",
        "",
        "https://1in6.org",
        ["sexual-abuse"],
        True,
    ),
]

TOPICS = [
    ("Crisis", "crisis"),
    ("Domestic abuse", "domestic-abuse"),
    ("Sexual abuse", "sexual-abuse"),
    ("Caregiving", "caregiving"),
]


PRIVACY_READERS = (
    "<h2>Counting readers</h2>"
    "<p>Each post shows how many people have read it. To count you once a day without "
    "knowing who you are, your browser tells us that the post was opened; we mix your "
    "internet address and browser name with a random value that changes every day and "
    "keep only the scrambled result, and only until the end of that day. We never store "
    "your address, set no cookie and build no profile. What we keep is a total per post "
    "per day.</p>"
    "<p>We do not count you when your browser sends Do Not Track or Global Privacy Control, "
    "when a page is only being preloaded, for search engines and other automated visitors, "
    "or for the practice's own staff while signed in.</p>"
    "<h2>Comments</h2>"
    "<p>If you leave a comment, we keep the name and words you write, the time, and your "
    "email address if you give one. Your email is never shown; it is only used if we need "
    "to reach you about your comment. Comments are read before they appear. Please use a "
    "first name or a pseudonym and do not share health details. To have a comment "
    "removed, write to us at the address below.</p>"
)


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_demo_site(home: HomePage) -> None:
    """Add the demo pages under `home` (new installs only; the caller checks)."""
    author = Practitioner.objects.order_by("slug").first()
    _publish(
        home,
        AboutPage(title="About", slug="about", message_of_support=ABOUT_MESSAGE),
    )
    services = _publish(
        home,
        ServicesIndexPage(
            title="Services",
            slug="services",
            intro="<p>All sessions are by secure video.</p>",
            workshops_intro="<p>Small group workshops are announced here when dates are set.</p>",
        ),
    )
    for service in Service.objects.order_by("price_cents"):
        _publish(
            services,
            ServicePage(
                title=service.name,
                slug=service.slug,
                service=service,
                who_for=f"<p>{service.description}</p>",
            ),
        )
    blog = _publish(home, BlogIndexPage(title="Blog", slug="blog"))
    category = BlogCategory.objects.create(name="Men and help", slug="men-and-help")
    today = timezone.localdate()
    posts = {}
    for title, tag, days_ago, summary, paragraphs in POSTS:
        post = BlogPage(
            title=title,
            summary=summary,
            author=author,
            originally_published=today - dt.timedelta(days=days_ago),
            body=[("text", "".join(paragraphs))],
        )
        blog.add_child(instance=post)
        post.tags.add(tag)
        post.categories.add(category)
        post.save()
        post.save_revision().publish()
        posts[post.slug] = post
    build_demo_engagement(
        posts=posts,
        author_name=author.name if author else "The author",
        author_user=author.user if author else None,
    )
    _publish(home, ResourcesPage(title="Support resources", slug="resources", sensitive=True))
    topics = {slug: ResourceTopic.objects.create(name=name, slug=slug) for name, slug in TOPICS}
    for order, (name, text, phone, text_line, url, topic_slugs, for_men) in enumerate(RESOURCES):
        resource = Resource.objects.create(
            name=name,
            description=text,
            phone=phone,
            text_line=text_line,
            url=url,
            for_men=for_men,
            sort_order=order,
        )
        resource.topics.set([topics[slug] for slug in topic_slugs])
    privacy = _publish(
        home,
        StandardPage(
            title="Privacy notice",
            slug="privacy",
            body="<p>This site sets no tracking cookies and loads nothing from other sites. "
            "What you type into the booking form is used only to arrange your session.</p>"
            + PRIVACY_READERS,
        ),
    )
    health = _publish(
        home,
        StandardPage(
            title="Health data policy",
            slug="health-data",
            body="<p>Anything you share about your health is kept private, stored only as "
            "long as the law requires, and never sold or shared for advertising.</p>",
        ),
    )
    safety = SiteSafety.load()
    safety.privacy_page = privacy
    safety.health_data_page = health
    safety.save()
