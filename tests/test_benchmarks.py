"""Every benchmark runs end to end in its tiny mode, so a broken one fails the suite.

Tiny mode (HEARTH_BENCH_TINY=1) shrinks the workloads and timings to seconds; the figures mean
nothing, but every step (installs, servers, peers, the checks inside each benchmark) runs.
The slots benchmark installs django-appointment into var/bench/peer-venv on first use.
"""

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

import benchmarks
from benchmarks.results import write_results

ROOT = Path(__file__).resolve().parent.parent
NAMES = sorted(path.stem for path in Path(benchmarks.__file__).parent.glob("bench_*.py"))


ON_POSTGRES = os.environ.get("DATABASE_URL", "sqlite").startswith("postgres")


@pytest.fixture(scope="module")
def tiny_runs(tmp_path_factory):
    """Every benchmark started at once in tiny mode (most of each run is waiting for servers
    to start), after the shared templates they copy were made; name -> (process, output)."""
    from hearth.core.testing import migrated_sqlite
    from hearth.core.testing.databases import demo_install_template

    demo_install_template()
    migrated_sqlite(tmp_path_factory.mktemp("warm") / "warm.sqlite3")
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")} | {
        "HEARTH_BENCH_TINY": "1",
        "PYTHONPATH": str(ROOT),
    }
    runs = {}
    for name in NAMES:
        output = tmp_path_factory.mktemp(name) / "output.txt"
        script = f"import json; from benchmarks import {name}; print(json.dumps({name}.main()))"
        with output.open("w") as sink:
            process = subprocess.Popen(
                [sys.executable, "-c", script], cwd=ROOT, env=env, stdout=sink, stderr=sink
            )
        runs[name] = (process, output)
    yield runs
    for process, _ in runs.values():
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.skipif(
    ON_POSTGRES,
    reason="the benchmarks set up their own SQLite databases: the SQLite pass runs them once",
)
@pytest.mark.parametrize("name", NAMES)
def test_benchmark_runs_in_tiny_mode(name, tiny_runs):
    process, output = tiny_runs[name]
    returncode = process.wait(timeout=300)
    text = output.read_text()
    assert returncode == 0, text
    figures = json.loads(text.splitlines()[-1])
    assert figures, text


def test_results_name_the_machine_and_hold_every_figure(tmp_path):
    path = write_results({"bench_site": {"rate": 1.5}}, tmp_path / "results.json")
    document = json.loads(path.read_text())
    assert document["benchmarks"] == {"bench_site": {"rate": 1.5}}
    assert document["machine"]["cpus"] == os.cpu_count()
    assert set(document) == {"finished_at", "machine", "tiny", "benchmarks"}


def test_a_migrated_copy_replaces_the_old_database_and_its_wal_files(tmp_path):
    from hearth.core.testing import migrated_sqlite

    path = tmp_path / "bench.sqlite3"
    path.write_bytes(b"not a database")
    Path(f"{path}-wal").write_bytes(b"stale")
    migrated_sqlite(path)
    assert not Path(f"{path}-wal").exists()
    with closing(sqlite3.connect(path)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        applied = connection.execute("SELECT COUNT(*) FROM django_migrations").fetchone()[0]
    assert {"bookings_booking", "hearth_page_cache", "hearth_engagement_cache"} <= tables
    migration_files = list(ROOT.glob("hearth/*/migrations/0*.py"))
    assert applied > len(migration_files)  # ours and Django's, Wagtail's
