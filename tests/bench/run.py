"""Run every benchmark: each ``tests/bench/bench_*.py`` module's ``main()``, in name order.

``python -m tests.bench.run [NAME ...]`` runs only the named ones (``load``,
``clean``, ...). A benchmark that fails is reported and the others still run;
the exit status says whether any failed.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def discover(names: Sequence[str] = ()) -> list[str]:
    """Module names of the benchmarks to run, e.g. ``tests.bench.bench_load``."""
    stems = sorted(path.stem for path in BENCH_DIR.glob("bench_*.py"))
    if names:
        wanted = {name if name.startswith("bench_") else f"bench_{name}" for name in names}
        unknown = wanted - set(stems)
        if unknown:
            raise SystemExit(f"no such benchmark: {', '.join(sorted(unknown))}")
        stems = [stem for stem in stems if stem in wanted]
    return [f"tests.bench.{stem}" for stem in stems]


def main(argv: Sequence[str] | None = None) -> int:
    failed = []
    for module_name in discover(sys.argv[1:] if argv is None else argv):
        print(f"== {module_name}", flush=True)
        started = time.perf_counter()
        try:
            result = importlib.import_module(module_name).main()
        except Exception:
            traceback.print_exc()
            result = 1
        if result:
            failed.append(module_name)
        print(f"== {module_name}: {time.perf_counter() - started:.1f} s", flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
