"""Real servers for tests, benchmarks and docs: a free port, and gunicorn started and stopped.

Django's live server queues only 10 connections (DESIGN.md, known pitfalls), so race and
load tests, the benchmarks and the screenshots all serve through `gunicorn_server`.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The test database's address, for a server process started by a test."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(settings['NAME']).resolve()}"
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    return f"postgres://{auth}@{settings['HOST']}:{settings['PORT'] or 5432}/{settings['NAME']}"


def env_for_test_database() -> dict[str, str]:
    """Environment for a server on the running test's database, with the test settings."""
    return {"DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": database_url()}


def fresh_demo_install(
    work_dir: Path, *, settings_module: str, extra_env: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Set up the demo in an emptied `work_dir` (its own SQLite file) and return the
    environment that serves it: for the benchmarks and the screenshots.

    The demo is set up once a day per version of the migrations, the install code and the
    demo files (`databases.demo_install_template`); each call copies it.
    """
    import shutil

    from .databases import demo_install_template

    template = demo_install_template()
    shutil.rmtree(work_dir, ignore_errors=True)
    shutil.copytree(template, work_dir)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "HEARTH_VAR_DIR": str(work_dir),
        "DATABASE_URL": f"sqlite:///{work_dir / 'demo.sqlite3'}",
        # The demo's data was encrypted with the key made beside it.
        "HEARTH_DATA_KEYS": "",
        "HEARTH_DATA_KEYS_FILE": str(work_dir / "data-keys"),
        **(extra_env or {}),
    }


def wait_until_up(
    url: str,
    *,
    timeout_seconds: float = 30,
    process: subprocess.Popen | None = None,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Return once `url` answers (asked with `headers`, e.g. those a proxy in front adds);
    raise RuntimeError after the timeout or if `process` ends."""
    deadline = time.monotonic() + timeout_seconds
    request = urllib.request.Request(url, headers=dict(headers or {}))  # noqa: S310
    while True:
        try:
            urllib.request.urlopen(request, timeout=2).read()  # noqa: S310 (our own local server)
            return
        except OSError:
            if time.monotonic() > deadline or (process and process.poll() is not None):
                raise RuntimeError(f"the server did not answer on {url}") from None
            time.sleep(0.2)


@contextmanager
def gunicorn_server(
    *,
    env: Mapping[str, str] | None = None,
    workers: int = 2,
    threads: int = 8,
    ready_path: str = "/robots.txt",
    timeout_seconds: float = 30,
    app: str = "config.wsgi",
    config: Path | None = None,
    ready_headers: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Serve `app` (Hearth's `config.wsgi` by default) with gunicorn; yields the base address
    (`http://127.0.0.1:PORT`).

    `env` is added to this process's environment; by default the server uses the running
    test's database (`env_for_test_database()`). `threads=1` gives sync workers. With
    `config` (a gunicorn config file, e.g. deploy/gunicorn.conf.py), that file sets everything
    but the address (`workers` and `threads` are then not used). The server is up once
    `ready_path` answers, asked with `ready_headers`. It runs in its own session and is
    stopped, workers included, when the block ends.
    """
    port = free_port()
    command = gunicorn_command(port=port, workers=workers, threads=threads, app=app, config=config)
    environment = os.environ | dict(env_for_test_database() if env is None else env)
    process = subprocess.Popen(command, cwd=ROOT, env=environment, start_new_session=True)  # noqa: S603
    base = f"http://{HOST}:{port}"
    try:
        wait_until_up(
            base + ready_path,
            timeout_seconds=timeout_seconds,
            process=process,
            headers=ready_headers,
        )
        yield base
    finally:
        stop_process_group(process)


def gunicorn_command(
    *,
    port: int,
    workers: int = 2,
    threads: int = 8,
    app: str = "config.wsgi",
    config: Path | None = None,
) -> list[str]:
    """The command line that serves `app` on 127.0.0.1:`port` (see `gunicorn_server`); with
    `config`, that gunicorn config file sets everything but the address."""
    if config is not None:
        command = [sys.executable, "-m", "gunicorn", app, "--config", str(config)]
    else:
        options = f"--workers {workers} --threads {threads} --backlog 2048 --log-level warning"
        command = [sys.executable, "-m", "gunicorn", app, *options.split()]
    return [*command, "--bind", f"{HOST}:{port}"]


def stop_process_group(process: subprocess.Popen) -> None:
    """End a process started in its own session, and everything it started: SIGTERM, then
    SIGKILL after 30 s."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
