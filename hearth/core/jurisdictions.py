"""US jurisdiction codes (the 50 states, DC and the inhabited territories); pure Python."""

STATES: dict[str, str] = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
}

DISTRICT: dict[str, str] = {"DC": "the District of Columbia"}

TERRITORIES: dict[str, str] = {
    "AS": "American Samoa",
    "GU": "Guam",
    "MP": "the Northern Mariana Islands",
    "PR": "Puerto Rico",
    "VI": "the U.S. Virgin Islands",
}

JURISDICTIONS: dict[str, str] = {**STATES, **DISTRICT, **TERRITORIES}
US_CODES: frozenset[str] = frozenset(JURISDICTIONS)

# (code, name) pairs sorted by name, for select boxes.
CHOICES: list[tuple[str, str]] = sorted(
    ((code, name.removeprefix("the ")) for code, name in JURISDICTIONS.items()),
    key=lambda pair: pair[1],
)


def name_of(code: str) -> str:
    """The name as it reads in a sentence ("Washington", "the District of Columbia")."""
    return JURISDICTIONS[code]


def join_names(codes: list[str] | tuple[str, ...]) -> str:
    """'Washington', 'Washington or Idaho', 'Idaho, Oregon or Washington' (in the given order)."""
    names = [name_of(code) for code in codes]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]
