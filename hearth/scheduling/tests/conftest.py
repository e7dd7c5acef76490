"""Hypothesis settings for the engine's property tests."""

import os

from hypothesis import settings

# The default 200 ms deadline flakes on 2-core CI machines (STYLE.md, known pitfalls).
settings.register_profile("ci", deadline=None, max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
