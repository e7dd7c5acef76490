"""gunicorn's settings for Hearth behind Caddy or nginx (docs/deploy.md).

    .venv/bin/gunicorn --config deploy/gunicorn.conf.py config.wsgi

Each value can be changed in the environment file without editing this one:
GUNICORN_BIND, GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_TIMEOUT, GUNICORN_ACCESS_LOG.

The access log names no client and no secret: clients' manage, intake and registration
links, the practitioner's calendar feed and the admin's set-password link carry their key in
the path, so those parts are written as `…`; the query string, the referring page, the
browser and the client address (always the proxy's) are left out.
"""

import multiprocessing
import os
import re
import sys
from pathlib import Path

from gunicorn.glogging import Logger

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # config.wsgi and hearth, whichever gunicorn script runs this
chdir = str(ROOT)
wsgi_app = "config.wsgi"

# Only the proxy on this machine talks to gunicorn.
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
# A small server: two processes per CPU and one more, at most 9; each with a few threads,
# so that a slow client or a slow SMTP server does not hold up the site.
workers = int(os.environ.get("GUNICORN_WORKERS") or min(2 * multiprocessing.cpu_count() + 1, 9))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# A request that takes longer than this is stopped and its process restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30  # on restart, requests under way get this long to finish
keepalive = 5
# A process is replaced now and then, so a slow leak can never grow for weeks.
max_requests = 2000
max_requests_jitter = 200
# The proxy on this machine sets X-Forwarded-Proto (Django reads it, see the settings).
forwarded_allow_ips = "127.0.0.1,::1"
# No control socket (gunicorn's own, in the home folder): `systemctl reload hearth-web`
# restarts the processes instead.
control_socket_disable = True

# Logs go to the journal (`journalctl -u hearth-web`).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = "info"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'

# A path segment that is a key: what follows these prefixes, up to the next "/".
SECRET_IN_PATH = re.compile(
    r"^(?P<prefix>/book/(?:manage|done)/"
    r"|/workshops/registration/"
    r"|/intake/"
    r"|/calendars/feed/"
    r"|/api/v1/(?:bookings|registrations)/"
    r"|/admin/password_reset/confirm/[^/]+/)"
    r"(?P<secret>[^/]+)"
)


def redact_path(path: str) -> str:
    """`path` with a key in it replaced by `…`; any other path as it is."""
    if path.startswith("/admin/password_reset/confirm/") and path.endswith("/set-password/"):
        return path
    return SECRET_IN_PATH.sub(r"\g<prefix>…", path, count=1)


class RedactingLogger(Logger):
    """gunicorn's logger, with the keys in paths replaced before anything is written."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = redact_path(environ.get("PATH_INFO", ""))
        atoms["U"] = path
        atoms["r"] = f"{atoms['m']} {path} {atoms['H']}"
        atoms["q"] = "-"
        atoms["f"] = "-"
        return atoms


logger_class = RedactingLogger
