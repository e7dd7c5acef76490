import base64

from hearth.bookings.tokens import booking_id_from_token, manage_token
from hearth.workshops.tokens import registration_token


def test_token_round_trips_and_carries_256_bits():
    token = manage_token(42)
    masked, mac = token.split(".")
    assert len(masked) == 22 and len(mac) == 43
    assert booking_id_from_token(token) == 42
    assert booking_id_from_token(manage_token(2**63 - 1)) == 2**63 - 1


def test_tokens_do_not_show_the_id_or_how_many_bookings_came_before():
    tokens = [manage_token(booking_id) for booking_id in range(1, 201)]
    masked = [token.split(".")[0] for token in tokens]
    assert len(set(masked)) == 200
    plain = [base64.urlsafe_b64encode(n.to_bytes(16, "big")).rstrip(b"=").decode() for n in (1, 2)]
    assert masked[:2] != plain
    assert masked != sorted(masked)  # not in the order the bookings were made
    # Neighbouring ids share no visible part.
    assert masked[0][:11] != masked[1][:11] and masked[0][11:] != masked[1][11:]
    # Each kind of link has its own mask.
    assert registration_token(1).split(".")[0] != masked[0]
    assert [booking_id_from_token(token) for token in tokens] == list(range(1, 201))


def test_forged_or_malformed_tokens_are_refused():
    good = manage_token(42)
    masked, mac = good.split(".")
    assert booking_id_from_token(good[:-1] + ("A" if good[-1] != "A" else "B")) is None
    other = manage_token(43).split(".")[0]
    assert booking_id_from_token(f"{other}.{mac}") is None
    assert booking_id_from_token(f"{masked.swapcase()}.{mac}") is None
    assert booking_id_from_token(f"{masked}=.{mac}") is None
    assert booking_id_from_token(f"{masked[:-1]}.{mac}") is None


def test_links_of_the_earlier_form_already_sent_keep_working():
    mac = manage_token(42).split(".")[1]
    assert booking_id_from_token(f"42.{mac}") == 42  # `<id>.<HMAC>`, as sent before
    assert booking_id_from_token(f"43.{mac}") is None
    assert booking_id_from_token(f"0042.{mac}") is None
    for bad in ("", "42", "42.", "x.y", "-1.abc", "9" * 40 + ".abc", "¹.abc", "٤٢.abc"):
        assert booking_id_from_token(bad) is None
    assert booking_id_from_token("٤" * 22 + "." + mac) is None
