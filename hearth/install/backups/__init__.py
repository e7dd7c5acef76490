"""Backups that are proven: a consistent snapshot of the running site (database and media)
with a manifest, and its restore into an empty install (docs/backups.md)."""
