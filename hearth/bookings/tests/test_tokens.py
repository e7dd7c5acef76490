from hearth.bookings.tokens import booking_id_from_token, manage_token


def test_token_round_trips_and_carries_256_bits():
    token = manage_token(42)
    booking_id, mac = token.split(".")
    assert booking_id == "42" and len(mac) == 43
    assert booking_id_from_token(token) == 42


def test_forged_or_malformed_tokens_are_refused():
    good = manage_token(42)
    assert booking_id_from_token(good[:-1] + ("A" if good[-1] != "A" else "B")) is None
    assert booking_id_from_token("43." + good.split(".")[1]) is None
    for bad in ("", "42", "42.", "x.y", "-1.abc", "9" * 40 + ".abc", "¹.abc", "٤٢.abc"):
        assert booking_id_from_token(bad) is None
