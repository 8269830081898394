"""Numbered SQL migrations under ``sql/migrations``, applied in order and recorded.

Each file runs in its own transaction together with its record in
``newswire.schema_migration``; re-applying is a no-op. A file whose content
changed after it was applied is refused: migrations are append-only.

The reporting views in ``sql/views`` are not migrations: they are the public
interface, replaced as a whole (every file, in name order, in one
transaction) whenever a migration was applied or any view file changed.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg2.extensions

from etl.load.database import PROJECT_ROOT

LOGGER = logging.getLogger(__name__)

MIGRATIONS_DIR = PROJECT_ROOT / "sql" / "migrations"
VIEWS_DIR = PROJECT_ROOT / "sql" / "views"
# 10_story_live.sql: the number orders files whose views depend on earlier ones.
VIEW_FILE = re.compile(r"^\d{2}_[a-z0-9_]+\.sql$")
# 001_foundation.sql -> version 1, name "foundation"
MIGRATION_FILE = re.compile(r"^(?P<version>\d{3})_(?P<name>[a-z0-9_]+)\.sql$")
# Serialises concurrent migrators (two DAG tasks, a CLI call) on one database.
ADVISORY_LOCK_KEY = 7_310_001

BOOKKEEPING_SQL = """
CREATE SCHEMA IF NOT EXISTS newswire;
CREATE TABLE IF NOT EXISTS newswire.schema_migration (
    version    integer PRIMARY KEY,
    name       text        NOT NULL,
    checksum   text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS newswire.schema_views (
    singleton  boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    checksum   text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


class MigrationError(RuntimeError):
    """The database's recorded migrations disagree with the files."""


def discover(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    migrations = []
    for path in sorted(directory.glob("*.sql")):
        match = MIGRATION_FILE.match(path.name)
        if not match:
            raise MigrationError(f"migration file name not NNN_name.sql: {path.name}")
        migrations.append(Migration(int(match["version"]), match["name"], path))
    versions = [m.version for m in migrations]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"duplicate migration numbers in {directory}")
    return migrations


def discover_views(directory: Path = VIEWS_DIR) -> list[Path]:
    """The view files in the order they are created (their names' order)."""
    paths = sorted(directory.glob("*.sql")) if directory.is_dir() else []
    for path in paths:
        if not VIEW_FILE.match(path.name):
            raise MigrationError(f"view file name not NN_name.sql: {path.name}")
    return paths


def views_checksum(paths: list[Path]) -> str:
    """One hash over every view file's name and content: any edit changes it."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def apply_migrations(
    conn: psycopg2.extensions.connection,
    directory: Path = MIGRATIONS_DIR,
    views_directory: Path = VIEWS_DIR,
) -> list[Migration]:
    """Apply pending migrations, then the views when needed; return the migrations applied."""
    with conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_lock(%s)", (ADVISORY_LOCK_KEY,))
        try:
            cur.execute(BOOKKEEPING_SQL)
            conn.commit()
            applied = _applied_checksums(cur)
            pending = []
            for migration in discover(directory):
                recorded = applied.get(migration.version)
                if recorded is None:
                    pending.append(migration)
                elif recorded != migration.checksum:
                    raise MigrationError(
                        f"{migration.path.name} changed after it was applied; "
                        "add a new migration instead"
                    )
            for migration in pending:
                _apply_one(conn, migration)
            _apply_views(conn, discover_views(views_directory), force=bool(pending))
            return pending
        finally:
            conn.rollback()
            cur.execute("SELECT pg_advisory_unlock(%s)", (ADVISORY_LOCK_KEY,))
            conn.commit()


def _applied_checksums(cur: psycopg2.extensions.cursor) -> dict[int, str]:
    cur.execute("SELECT version, checksum FROM newswire.schema_migration")
    return {int(version): str(checksum) for version, checksum in cur.fetchall()}


def _apply_one(conn: psycopg2.extensions.connection, migration: Migration) -> None:
    LOGGER.info("applying migration %03d_%s", migration.version, migration.name)
    with conn.cursor() as cur:
        cur.execute(migration.sql)
        cur.execute(
            "INSERT INTO newswire.schema_migration (version, name, checksum) VALUES (%s, %s, %s)",
            (migration.version, migration.name, migration.checksum),
        )
        cur.execute("SET search_path TO newswire, public")
    conn.commit()


def _apply_views(conn: psycopg2.extensions.connection, paths: list[Path], *, force: bool) -> None:
    """(Re)create every view in one transaction, when a file or the schema under them changed.

    Each file drops its view (CASCADE) and creates it again, so a column may
    change; later files recreate the views that depend on earlier ones.
    """
    checksum = views_checksum(paths)
    with conn.cursor() as cur:
        cur.execute("SELECT checksum FROM newswire.schema_views")
        row = cur.fetchone()
        if not paths or (row is not None and row[0] == checksum and not force):
            return
        for path in paths:
            LOGGER.info("creating view %s", path.name)
            cur.execute(path.read_text(encoding="utf-8"))
        cur.execute(
            "INSERT INTO newswire.schema_views (checksum) VALUES (%s) ON CONFLICT (singleton) "
            "DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()",
            (checksum,),
        )
        cur.execute("SET search_path TO newswire, public")
    conn.commit()
