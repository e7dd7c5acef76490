"""Shared pytest set-up: nothing Hearth-specific leaks between tests; shared fixtures (smtp)."""

pytest_plugins = ["hearth.core.testing.fixtures"]
