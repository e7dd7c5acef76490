"""WSGI entry point (gunicorn config.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Everything loaded so far (Django, Wagtail, our apps: some 160,000 objects) lives as long
# as the process: keep it out of the garbage collector's full passes, which otherwise walk
# it all again and again under load.
gc.freeze()
