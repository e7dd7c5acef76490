"""Admin viewsets of the practice: practitioners and services as snippets, in one menu group."""

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_forms import PractitionerForm
from .models import Practitioner, Service
from .windows import WEEKDAYS


class PractitionerViewSet(SnippetViewSet):
    model = Practitioner
    icon = "user"
    menu_label = "Practitioners"
    list_display = ["name", "credentials", "timezone"]
    search_fields = ["name", "credentials"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    FieldPanel("credentials"),
                    FieldPanel("slug"),
                    FieldPanel("email"),
                    FieldPanel("timezone"),
                    FieldPanel("user"),
                    FieldPanel("photo"),
                    FieldPanel("bio"),
                    FieldPanel("message_of_support"),
                ],
                heading="About",
            ),
            MultiFieldPanel(
                [FieldPanel(f"hours_{key}") for key in WEEKDAYS],
                heading="Weekly hours",
                help_text="Your usual hours, in your time zone. Several windows a day are fine.",
            ),
            InlinePanel(
                "overrides",
                heading="Dates with different hours",
                label="Date",
                help_text="A holiday or a day with other hours. Empty hours mean a day off.",
            ),
            InlinePanel("licenses", heading="Licenses", label="License"),
            InlinePanel(
                "busy_calendars",
                heading="Busy calendars",
                label="Calendar",
                help_text=(
                    "Private ICS addresses of your other calendars: their events keep clients "
                    "from booking those times. They are read every few minutes; see "
                    "Calendars in the menu for when each was last read and any problem."
                ),
            ),
        ],
        base_form_class=PractitionerForm,
    )


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "date"
    menu_label = "Services"
    list_display = ["name", "kind", "duration_minutes", "price_cents"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("practitioners"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("duration_minutes"), FieldPanel("interval_minutes")]),
                FieldRowPanel(
                    [FieldPanel("buffer_before_minutes"), FieldPanel("buffer_after_minutes")]
                ),
                FieldRowPanel([FieldPanel("minimum_notice_minutes"), FieldPanel("horizon_days")]),
                FieldRowPanel([FieldPanel("daily_limit"), FieldPanel("cancel_cutoff_hours")]),
                FieldPanel("reminder_hours"),
            ],
            heading="When it can be booked",
        ),
        FieldRowPanel([FieldPanel("price_cents"), FieldPanel("currency")], heading="Fee"),
        MultiFieldPanel(
            [FieldPanel("location_policy"), FieldPanel("location_codes")],
            heading="Where clients can be",
        ),
    ]


class PracticeGroup(SnippetViewSetGroup):
    items = (PractitionerViewSet, ServiceViewSet)
    menu_icon = "group"
    menu_label = "Practice"
    menu_name = "practice"
