"""`manage.py serve [ADDRPORT]`: the development web server and the background worker in one
command. Ctrl-C (or either process ending) stops both."""

import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the development server and the task worker together; Ctrl-C stops both."

    def add_arguments(self, parser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options) -> None:
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
