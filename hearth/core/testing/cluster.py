"""Hearth past one server, for tests and the soak: app servers and workers sharing one
database and one Redis, and processes brought back after a crash the way systemd would.

Every process gets the same environment (`shared_install_env`): the page cache, the
view-count cache and the RQ queue in Redis, mail to one SMTP server, the limits of the
public forms off (the traffic comes from one address).
"""

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

from .servers import ROOT, gunicorn_command, stop_process_group, wait_until_up


def shared_install_env(
    *,
    database_url: str,
    redis_url: str,
    smtp_port: int,
    var_dir: Path,
    secret_key: str,
    data_keys: list[str],
    sweep_seconds: int = 60,
) -> dict[str, str]:
    """The environment of every app server and worker of one install (dev settings, no
    debug): the same database, Redis, keys and SMTP server."""
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "false",
        "SECRET_KEY": secret_key,
        "HEARTH_DATA_KEYS": ",".join(data_keys),
        "HEARTH_DATA_KEYS_FILE": "",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "HEARTH_TASK_BACKEND": "rq",
        "HEARTH_VAR_DIR": str(var_dir),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_TIMEOUT": "5",
        "HEARTH_PAGE_CACHE": "on",
        "HEARTH_SWEEP_SECONDS": str(sweep_seconds),
        "HEARTH_RATE_LIMIT_PER_IP": "0",
        "HEARTH_RATE_LIMIT_PER_EMAIL": "0",
        "HEARTH_COMMENT_RATE_LIMIT_PER_IP": "0",
        "HEARTH_PROOF_OF_WORK": "off",
        "HEARTH_FUTURE_BOOKINGS_PER_SERVICE": "",
    }


def worker_command() -> list[str]:
    """`manage.py hearth_worker`: the sweeper, then the configured backend's worker."""
    return [sys.executable, str(ROOT / "manage.py"), "hearth_worker"]


@contextmanager
def hearth_worker(env: Mapping[str, str], *, log: Path | None = None) -> Iterator[None]:
    """Run one `hearth_worker` for the block (its own session, stopped with its children)."""
    output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603
        worker_command(),
        cwd=ROOT,
        env=dict(env),
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield
    finally:
        stop_process_group(process)
        if log:
            output.close()


class Supervised:
    """A process kept running as systemd's `Restart=always` does: when it dies (a crash, a
    SIGKILL), whatever it left behind in its session is killed and it is started again after
    `restart_seconds`. `kill()` is the crash; `stop()` ends it for good."""

    def __init__(
        self,
        name: str,
        command: list[str],
        env: Mapping[str, str],
        *,
        log: Path,
        restart_seconds: float = 3,
        ready_url: str = "",
    ) -> None:
        self.name, self.command, self.env = name, command, dict(env)
        self.log, self.restart_seconds, self.ready_url = log, restart_seconds, ready_url
        self.starts = 0
        self.process: subprocess.Popen | None = None
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None

    def start(self, *, wait: bool = True) -> "Supervised":
        """Start it and its watcher; with `wait`, return once it answers on `ready_url`."""
        self._spawn()
        self._watcher = threading.Thread(target=self._watch, name=self.name, daemon=True)
        self._watcher.start()
        if wait:
            self.wait_until_ready()
        return self

    def wait_until_ready(self) -> None:
        if self.ready_url:
            wait_until_up(self.ready_url, timeout_seconds=60)

    def kill(self) -> None:
        """SIGKILL the process and everything in its session, as a crash would."""
        if self.process is not None:
            _kill_group(self.process.pid)

    def stop(self) -> None:
        self.stop_restarting()
        if self.process is not None:
            stop_process_group(self.process)
            _kill_group(self.process.pid)  # anything it left behind

    def stop_restarting(self) -> None:
        """No more restarts, and SIGTERM now (`stop` then waits for the end)."""
        self._stopping.set()
        if self._watcher:
            self._watcher.join(timeout=self.restart_seconds + 5)
        if self.process is not None and self.process.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)

    def _spawn(self) -> None:
        with open(self.log, "ab") as output:
            self.process = subprocess.Popen(  # noqa: S603
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.starts += 1

    def _watch(self) -> None:
        while not self._stopping.is_set():
            if self.process.poll() is None:
                time.sleep(0.2)
                continue
            _kill_group(self.process.pid)
            if self._stopping.wait(self.restart_seconds):
                return
            self._spawn()


def supervised_gunicorn(
    name: str, env: Mapping[str, str], *, port: int, log: Path, workers: int = 2, threads: int = 8
) -> Supervised:
    """An app server on 127.0.0.1:`port`, restarted on the same port after a crash."""
    command = gunicorn_command(port=port, workers=workers, threads=threads)
    return Supervised(name, command, env, log=log, ready_url=f"http://127.0.0.1:{port}/robots.txt")


def supervised_worker(name: str, env: Mapping[str, str], *, log: Path) -> Supervised:
    return Supervised(name, worker_command(), env, log=log)


def _kill_group(pid: int) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
