"""What every benchmark shares: the tiny mode the tests use, and var/bench/results.json."""

import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_FILE = ROOT / "var" / "bench" / "results.json"
TINY_RESULTS_FILE = ROOT / "var" / "bench" / "results-tiny.json"  # never over real figures


def tiny() -> bool:
    """True under HEARTH_BENCH_TINY=1: each benchmark runs its whole path in seconds, so the
    test suite notices a broken benchmark; its figures then mean nothing."""
    return os.environ.get("HEARTH_BENCH_TINY", "") == "1"


def write_results(figures: dict[str, object], path: Path | None = None) -> Path:
    """Write one run's figures, with the machine they came from, as JSON; return the path."""
    path = path or (TINY_RESULTS_FILE if tiny() else RESULTS_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
            "system": platform.platform(),
            "python": platform.python_version(),
        },
        "tiny": tiny(),
        "benchmarks": figures,
    }
    path.write_text(json.dumps(document, indent=2) + "\n")
    return path
