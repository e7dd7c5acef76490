"""WSGI entry point of the bare peer (gunicorn benchmarks.peers.bare.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.peers.bare.settings")

application = get_wsgi_application()
