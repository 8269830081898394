"""The load stage's SQL, kept in ``sql/load/*.sql`` and read once at import.

Statements live in files (readable, highlighted, reviewable as SQL) rather
than Python strings; a module reads the ones it runs into named constants.
"""

from __future__ import annotations

from etl.load.database import PROJECT_ROOT

LOAD_SQL_DIR = PROJECT_ROOT / "sql" / "load"


def load_sql(name: str) -> str:
    """The text of ``sql/load/<name>.sql`` (a missing file fails the import, not a run)."""
    return (LOAD_SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
