"""Tests of the availability engine."""
