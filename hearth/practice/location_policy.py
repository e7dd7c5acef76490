"""Where a service or workshop may be taken from: the location-policy fields, written once.

`Service` and `Workshop` inherit `OfferedInLocations`; its `policy` is what
the eligibility module (DESIGN "Eligibility") decides with, and `locations` is
the practice file's form of the two fields ("US", "licensed" or a list of codes).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from .eligibility import Policy
from .validators import parse_code_list, validate_code_list


class LocationPolicy(models.TextChoices):
    US = "US", "Anywhere in the US"
    LICENSED = "licensed", "Where the practitioner holds a license"
    LIST = "list", "Only the listed states"


class OfferedInLocations(models.Model):
    """Abstract: the policy and its listed codes. The inheriting model has a `kind`."""

    location_policy = models.CharField(
        max_length=10, choices=LocationPolicy.choices, default=LocationPolicy.US
    )
    location_codes = models.CharField(
        max_length=250,
        blank=True,
        validators=[validate_code_list],
        help_text='For "only the listed states": codes such as WA, ID.',
    )

    kind: str

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(location_policy__in=LocationPolicy.values),
                name="%(class)s_location_policy_known",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        try:
            codes = parse_code_list(self.location_codes)
        except ValidationError:
            return  # reported by the field's validator
        self.location_codes = ", ".join(codes)
        if self.location_policy == LocationPolicy.LIST and not codes:
            raise ValidationError(
                {
                    "location_codes": f"List the states where this {self._meta.verbose_name} "
                    "is offered, e.g. WA, ID."
                }
            )

    @property
    def listed_codes(self) -> list[str]:
        return parse_code_list(self.location_codes)

    @property
    def policy(self) -> Policy:
        """The kind and where it is offered, as the eligibility module reads them."""
        if self.location_policy == LocationPolicy.LIST:
            return Policy(kind=self.kind, locations=tuple(self.listed_codes))
        return Policy(kind=self.kind, locations=str(self.location_policy))

    @property
    def locations(self) -> str | list[str]:
        """The practice file's value: "US", "licensed" or a list of codes."""
        if self.location_policy == LocationPolicy.LIST:
            return self.listed_codes
        return str(self.location_policy)

    @locations.setter
    def locations(self, value: str | list[str]) -> None:
        if isinstance(value, list):
            self.location_policy, self.location_codes = LocationPolicy.LIST, ", ".join(value)
        else:
            self.location_policy, self.location_codes = value, ""
