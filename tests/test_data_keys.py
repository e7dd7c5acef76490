"""Encrypted fields and data keys: what is stored, what a lookup may ask, and rotation."""

import datetime as dt
import os
import stat

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import models, transaction
from django.db.models.functions import Cast

from hearth.bookings.models import Booking
from hearth.bookings.tests.factories import BookingFactory
from hearth.core import encryption
from hearth.core.data_keys import add_key_to_file, create_key_file, read_keys
from hearth.core.encrypt_in_place import _convert
from hearth.core.key_rotation import rotate_everything, values_under_older_keys

pytestmark = pytest.mark.django_db
KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


def stored(booking: Booking, field: str) -> str:
    """The column as the database holds it."""
    rows = Booking.objects.annotate(raw=Cast(field, models.TextField())).filter(pk=booking.pk)
    return rows.values_list("raw", flat=True).get()


def readable_under(keys: list[str], field: str, booking: Booking) -> bool:
    token = stored(booking, field).encode()
    fernets = [Fernet(key) for key in keys]
    return any(_decrypts(fernet, token) for fernet in fernets)


def _decrypts(fernet: Fernet, token: bytes) -> bool:
    try:
        fernet.decrypt(token)
    except InvalidToken:
        return False
    return True


def test_values_are_stored_as_tokens_and_read_back_as_text():
    booking = BookingFactory(message="I keep having thoughts of suicide", client_phone="555-0100")
    assert "suicide" not in stored(booking, "message")
    assert stored(booking, "message").startswith("gAAAAA")  # a Fernet token
    assert "555" not in stored(booking, "client_phone")
    again = Booking.objects.get(pk=booking.pk)
    assert (again.message, again.client_phone) == ("I keep having thoughts of suicide", "555-0100")
    assert Booking.objects.values_list("message", flat=True).get() == again.message


def test_the_same_text_gives_a_different_token_each_time():
    first = BookingFactory(message="same words")
    second = BookingFactory(message="same words")
    assert stored(first, "message") != stored(second, "message")


def test_empty_stays_empty_and_is_the_only_equality_a_query_may_ask():
    empty = BookingFactory(message="")
    BookingFactory(message="something")
    assert stored(empty, "message") == ""
    assert list(Booking.objects.filter(message="").values_list("pk", flat=True)) == [empty.pk]
    with pytest.raises(FieldError, match="can only be compared with ''"):
        list(Booking.objects.filter(message="something"))
    with pytest.raises(FieldError, match="Unsupported lookup 'icontains'"):
        list(Booking.objects.filter(message__icontains="some"))


def test_without_a_key_nothing_is_written(settings):
    settings.HEARTH_DATA_KEYS = []
    with pytest.raises(encryption.MissingDataKey, match="No data key"), transaction.atomic():
        BookingFactory(message="words")
    assert Booking.objects.count() == 0


def test_rotation_moves_everything_to_the_new_key_and_the_old_key_can_go(settings):
    settings.HEARTH_DATA_KEYS = [KEY_A]
    booking = BookingFactory(message="written under A", client_phone="555-0101", practice_note="n")
    updated_at = Booking.objects.get().updated_at
    settings.HEARTH_DATA_KEYS = [KEY_B, KEY_A]
    assert values_under_older_keys() == 3
    counts = rotate_everything()
    assert counts["bookings.Booking.message"].rotated == 1
    assert values_under_older_keys() == 0
    assert readable_under([KEY_B], "message", booking)
    assert not readable_under([KEY_A], "message", booking)
    settings.HEARTH_DATA_KEYS = [KEY_B]
    again = Booking.objects.get()
    assert (again.message, again.client_phone, again.practice_note) == (
        "written under A",
        "555-0101",
        "n",
    )
    assert again.updated_at == updated_at  # rotation is not an edit


def test_an_interrupted_rotation_leaves_everything_readable_and_a_rerun_finishes(settings):
    settings.HEARTH_DATA_KEYS = [KEY_A]
    bookings = [BookingFactory(message=f"note {n}") for n in range(5)]
    settings.HEARTH_DATA_KEYS = [KEY_B, KEY_A]
    rotate_everything(stop_after=2)  # as if stopped after two values
    assert values_under_older_keys() == 3
    assert sorted(Booking.objects.values_list("message", flat=True)) == [
        f"note {n}" for n in range(5)
    ]
    under_b = [b for b in bookings if readable_under([KEY_B], "message", b)]
    assert len(under_b) == 2
    call_command("rotate_data_key", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert values_under_older_keys() == 0
    settings.HEARTH_DATA_KEYS = [KEY_B]
    assert sorted(Booking.objects.values_list("message", flat=True)) == [
        f"note {n}" for n in range(5)
    ]


def test_removing_a_key_too_early_says_so_rather_than_showing_garbage(settings):
    settings.HEARTH_DATA_KEYS = [KEY_A]
    BookingFactory(message="under A")
    settings.HEARTH_DATA_KEYS = [KEY_B]
    with pytest.raises(encryption.UnreadableValue, match="was a key removed before"):
        Booking.objects.get()


def test_values_stored_before_encryption_are_encrypted_in_place_and_back():
    booking = BookingFactory(message="")
    plain = models.Value("typed before the upgrade", models.TextField())
    Booking.objects.filter(pk=booking.pk).update(message=plain)
    assert stored(booking, "message") == "typed before the upgrade"
    _convert(Booking, ("message", "client_phone"), to_tokens=True)
    assert stored(booking, "message").startswith("gAAAAA")
    assert Booking.objects.get().message == "typed before the upgrade"
    _convert(Booking, ("message",), to_tokens=True)  # a second run changes nothing
    assert Booking.objects.get().message == "typed before the upgrade"
    _convert(Booking, ("message",), to_tokens=False)
    assert stored(booking, "message") == "typed before the upgrade"


def test_the_key_file_is_made_once_for_its_owner_and_a_new_key_goes_first(tmp_path):
    path = tmp_path / "var" / "data-keys"
    assert create_key_file(path) is True
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = read_keys(path=path)
    assert len(first) == 1
    assert create_key_file(path) is False
    assert read_keys(path=path) == first
    added = add_key_to_file(path)
    assert read_keys(path=path) == [added, *first]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_keys(value=f"{KEY_A}, {KEY_B}", path=path) == [KEY_A, KEY_B]


def test_rotate_data_key_reports_what_it_did(settings, capsys):
    settings.HEARTH_DATA_KEYS = [KEY_A]
    BookingFactory(message="one", start=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    settings.HEARTH_DATA_KEYS = [KEY_B, KEY_A]
    call_command("rotate_data_key")
    out = capsys.readouterr().out
    assert "bookings.Booking.message: 1 re-encrypted, 0 already current" in out
    assert "Done: 1 values re-encrypted; 0 still under an older key." in out
    call_command("rotate_data_key")
    assert "bookings.Booking.message: 0 re-encrypted, 1 already current" in capsys.readouterr().out
