"""`make bench`: runs every benchmark in this package, prints its figures and writes them to
var/bench/results.json (HEARTH_BENCH_TINY=1 runs each in seconds, as the tests do)."""

import importlib
import pkgutil
import sys

import benchmarks
from benchmarks.results import write_results


def main() -> int:
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if info.name.startswith("bench_")
    )
    figures = {}
    for name in names:
        print(f"== {name}", flush=True)
        figures[name] = importlib.import_module(f"benchmarks.{name}").main()
    print(f"figures written to {write_results(figures)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
