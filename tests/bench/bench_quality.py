"""Generic-site quality next to the speed figures: our generic reader and trafilatura.

The scores come from the quality gate in ``tests/unit/test_generic_quality.py``
(which fails the unit tests when ours drops below its floors); here they are
printed with what each extractor got wrong, so ``make bench`` shows speed and
quality side by side.
"""

from __future__ import annotations

from tests.unit.test_generic_quality import report


def main() -> int:
    report()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
