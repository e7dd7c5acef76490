"""`make bench`: runs every benchmark in this package and prints its figures."""

import importlib
import pkgutil
import sys

import benchmarks


def main() -> int:
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if info.name.startswith("bench_")
    )
    if not names:
        print("No benchmarks yet: this harness runs every benchmarks/bench_*.py module's main().")
        return 0
    for name in names:
        print(f"== {name}")
        importlib.import_module(f"benchmarks.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
