"""The page benchmark's peer: a bare Django project whose one view says "Hello, world!"."""
