"""Names are stored without control or bidirectional-override characters."""

from hearth.core.contact import ContactDetails
from hearth.core.text import clean_line, clean_lines


def test_control_and_bidi_characters_are_dropped():
    assert clean_line(" Al\u202eex\x07\u2066 \r\nRi\x00vera\u202c ") == "Alex Rivera"


def test_letters_marks_and_joiners_of_real_names_stay():
    for name in ("Zoë O’Brien", "محمد", "José", "श्रुति", "Ana-María"):
        assert clean_line(name) == name


def test_contact_details_clean_the_name_on_the_way_in():
    details = ContactDetails(
        name="Alex\u202e\x1b[31m", email="a@example.org", location="WA", timezone="UTC"
    )
    assert details.as_contact_fields(consent_at=None)["client_name"] == "Alex[31m"


def test_messages_keep_their_lines_and_lose_control_and_bidi_characters():
    typed = " Hello\u202e there\x1b[2J\r\n\r\nSecond\u2067 line\x07\rthird \n"
    assert clean_lines(typed) == "Hello there[2J\n\nSecond line\nthird"
