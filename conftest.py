"""Shared pytest set-up: nothing Hearth-specific leaks between tests."""
