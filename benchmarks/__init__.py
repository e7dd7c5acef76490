"""Benchmarks for `make bench`: speed and scale, side by side with peers."""
