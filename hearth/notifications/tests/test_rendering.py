from hearth.notifications.rendering import forbidden_words_in


def test_forbidden_words_are_found_whatever_the_case():
    assert forbidden_words_in("Your Counseling session; THERAPY notes") == [
        "counseling",
        "therapy",
    ]
    assert forbidden_words_in("Appointment with Sam Rivera, your counselor") == []
