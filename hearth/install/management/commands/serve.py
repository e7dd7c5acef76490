"""`manage.py serve [ADDRPORT]`: the development web server and the background worker in one
command. Ctrl-C (or either process ending) stops both."""

import signal
import subprocess
import sys
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand

LOOPBACK = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}  # noqa: S104 (names, not a bind)


def banner(addrport: str, site_url: str) -> list[str]:
    """What `serve` prints first: where the site answers, and where its links point.

    `addrport` is runserver's "HOST:PORT" (or a bare port); `site_url` is HEARTH_SITE_URL.
    A loopback HEARTH_SITE_URL on another port than the server's is called out, since every
    link in an email or calendar file would then lead nowhere.
    """
    host, _, port = addrport.rpartition(":")
    host = (host or "127.0.0.1").strip("[]")
    listening = f"http://{host}:{port}"
    lines = [f"Hearth is running at {listening}/ (Ctrl-C stops it)."]
    site = urlsplit(site_url)
    if site.hostname in LOOPBACK and str(site.port or 80) != port:
        lines.append(
            f"Warning: HEARTH_SITE_URL is {site_url}, not {listening}: links in emails, "
            "calendar files and feeds will point there. Unset it, or set it to this address."
        )
    else:
        lines.append(f"Links in emails, calendar files and feeds use {site_url}/.")
    return lines


class Command(BaseCommand):
    help = "Run the development server and the task worker together; Ctrl-C stops both."

    def add_arguments(self, parser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options) -> None:
        for line in banner(options["addrport"], settings.HEARTH_SITE_URL):
            self.stdout.write(line)
        manage = [sys.executable, sys.argv[0]]
        processes = {
            "web": subprocess.Popen([*manage, "runserver", options["addrport"]]),  # noqa: S603
            "worker": subprocess.Popen([*manage, "hearth_worker"]),  # noqa: S603
        }
        stopping = False

        def stop(signum, frame) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(p.poll() is None for p in processes.values()):
                time.sleep(0.2)
        finally:
            ended = [name for name, p in processes.items() if p.poll() is not None]
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()
            for process in processes.values():
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        if ended and not stopping:
            self.stderr.write(f"The {' and '.join(ended)} process stopped, so both are stopped.")
            sys.exit(1)
