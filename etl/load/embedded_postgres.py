"""An embedded PostgreSQL for machines without a server and without ``DATABASE_URL``.

Uses the system's ``initdb``/``pg_ctl`` when found, else the ``pgserver``
wheel's bundled binaries. The server listens on a Unix socket inside its data
folder only (no TCP port to collide with), so several checkouts can each run
their own. PostgreSQL refuses to run as root: as root we run it as the
``postgres`` system user when there is one, else let ``pgserver`` make its own.

A clone under a private directory (``/root``, a home folder of mode 700)
cannot be entered by the ``postgres`` user, so ``initdb`` failed there
("could not change directory ... Permission denied"). Then the data folder
goes outside the private tree, under ``NEWSWIRE_PGDATA_ROOT`` (default
``/var/lib/newswire``, made by root, not a world-writable temp folder), in a
folder named after the clone; where it went is recorded
in ``var/pgdata.location`` so later starts and ``newswire db stop`` find it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pwd
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import psycopg2

LOGGER = logging.getLogger(__name__)

DATABASE_NAME = "newswire"
SUPERUSER = "postgres"
# Debian keeps server binaries off PATH, under /usr/lib/postgresql/<major>/bin.
DEBIAN_VERSIONS_DIR = Path("/usr/lib/postgresql")
# Where the data folder is when it cannot be under the clone (see the module doc).
LOCATION_FILE = "pgdata.location"
DEFAULT_OUTSIDE_ROOT = "/var/lib/newswire"  # root-owned: not a world-writable /tmp


@dataclass(frozen=True)
class PostgresBinaries:
    """Where ``initdb`` and ``pg_ctl`` are, and which OS user must run them."""

    bin_dir: Path
    run_as: str | None  # None: the current user

    def command(self, tool: str, *args: str) -> list[str]:
        cmd = [str(self.bin_dir / tool), *args]
        return ["runuser", "-u", self.run_as, "--", *cmd] if self.run_as else cmd

    def can_enter(self, path: Path) -> bool:
        """Whether the server's user can reach ``path`` (every parent searchable)."""
        if not self.run_as:
            return True
        probe = subprocess.run(
            ["runuser", "-u", self.run_as, "--", "test", "-x", str(path)],
            capture_output=True,
            check=False,
            cwd="/",
        )
        return probe.returncode == 0


def find_system_binaries() -> PostgresBinaries | None:
    """The system's server binaries, usable by us (or by ``postgres`` when we are root).

    ``NEWSWIRE_EMBEDDED_PG=pgserver`` skips them, to exercise the wheel fallback.
    """
    if os.environ.get("NEWSWIRE_EMBEDDED_PG") == "pgserver":
        return None
    candidates = []
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).parent)
    candidates += sorted(DEBIAN_VERSIONS_DIR.glob("*/bin"), reverse=True)
    for bin_dir in candidates:
        if (bin_dir / "initdb").exists() and (bin_dir / "pg_ctl").exists():
            if os.geteuid() != 0:
                return PostgresBinaries(bin_dir, None)
            if _system_user_exists("postgres") and shutil.which("runuser"):
                return PostgresBinaries(bin_dir, "postgres")
    return None


def _system_user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def socket_url(data_dir: Path, database: str = DATABASE_NAME) -> str:
    """libpq URI for a server whose socket is in ``data_dir``."""
    return f"postgresql://{SUPERUSER}@/{database}?host={data_dir}"


def ensure_embedded_server(state_dir: Path) -> str:
    """Start (initialising if needed) the embedded server; return its URL. Idempotent."""
    binaries = find_system_binaries()
    if binaries is not None:
        data_dir = system_data_dir(state_dir, binaries)
        _start_with_system_binaries(binaries, data_dir)
    else:
        data_dir = _start_with_pgserver((state_dir / "pgdata").resolve())
    _ensure_database(data_dir)
    return socket_url(data_dir)


def stop_embedded_server(state_dir: Path) -> bool:
    """Stop the embedded server if it runs; True when one was stopped."""
    for data_dir in (_recorded_or_default(state_dir), (state_dir / "pgserver").resolve()):
        if not (data_dir / "postmaster.pid").exists():
            continue
        binaries = find_system_binaries() if data_dir.name == "pgdata" else _pgserver_binaries()
        if binaries is None:
            continue
        subprocess.run(
            binaries.command("pg_ctl", "-D", str(data_dir), "-m", "fast", "-w", "stop"),
            check=False,
            capture_output=True,
            cwd="/",
        )
        LOGGER.info("stopped embedded PostgreSQL in %s", data_dir)
        return True
    return False


def system_data_dir(state_dir: Path, binaries: PostgresBinaries) -> Path:
    """``var/pgdata``, or, when the server's user cannot reach it, a folder outside.

    The choice is made once and recorded in ``var/pgdata.location``.
    """
    recorded = _recorded_or_default(state_dir)
    if recorded != (state_dir / "pgdata").resolve():
        return recorded
    state_dir.mkdir(parents=True, exist_ok=True)
    if binaries.can_enter(state_dir.resolve()):
        return recorded
    root = Path(os.environ.get("NEWSWIRE_PGDATA_ROOT", DEFAULT_OUTSIDE_ROOT))
    tag = hashlib.sha256(str(state_dir.resolve()).encode()).hexdigest()[:12]
    outside = root / f"newswire-pgdata-{tag}" / "pgdata"
    outside.parent.mkdir(parents=True, exist_ok=True)
    for folder in (root, outside.parent):
        folder.chmod(0o755)  # the server's user must pass through
    (state_dir / LOCATION_FILE).write_text(f"{outside}\n", encoding="utf-8")
    LOGGER.warning(
        "%s cannot reach %s (a private parent folder): the embedded database lives in %s",
        binaries.run_as,
        state_dir,
        outside,
    )
    return outside


def _recorded_or_default(state_dir: Path) -> Path:
    location = state_dir / LOCATION_FILE
    if location.exists():
        return Path(location.read_text(encoding="utf-8").strip())
    return (state_dir / "pgdata").resolve()


def _start_with_system_binaries(binaries: PostgresBinaries, data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    if binaries.run_as:
        account = pwd.getpwnam(binaries.run_as)
        os.chown(data_dir, account.pw_uid, account.pw_gid)
    data_dir.chmod(0o700)
    if not (data_dir / "PG_VERSION").exists():
        LOGGER.info("initialising embedded PostgreSQL in %s", data_dir)
        _run(
            binaries.command(
                "initdb", "-D", str(data_dir), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8"
            )
        )
    if _is_running(binaries, data_dir):
        return
    options = f"-c listen_addresses='' -c unix_socket_directories='{data_dir}'"
    LOGGER.info("starting embedded PostgreSQL in %s", data_dir)
    _run(
        binaries.command(
            "pg_ctl",
            "-D",
            str(data_dir),
            "-l",
            str(data_dir / "server.log"),
            "-o",
            options,
            "-w",
            "start",
        )
    )


def _is_running(binaries: PostgresBinaries, data_dir: Path) -> bool:
    status = subprocess.run(
        binaries.command("pg_ctl", "-D", str(data_dir), "status"),
        capture_output=True,
        check=False,
        cwd="/",
    )
    return status.returncode == 0


def _pgserver_binaries() -> PostgresBinaries | None:
    try:
        from pgserver._commands import POSTGRES_BIN_PATH
    except ImportError:
        return None
    run_as = "pgserver" if os.geteuid() == 0 else None
    return PostgresBinaries(Path(POSTGRES_BIN_PATH), run_as)


def _start_with_pgserver(data_dir: Path) -> Path:
    """Fallback: the ``pgserver`` wheel ships PostgreSQL binaries and handles root itself."""
    from pgserver.postgres_server import PostgresServer, get_server

    pg_dir = data_dir.parent / "pgserver"
    pg_dir.mkdir(parents=True, exist_ok=True)
    LOGGER.info("starting embedded PostgreSQL (pgserver wheel) in %s", pg_dir)
    # pgserver caches servers per process; after a stop the cache is stale.
    PostgresServer._instances.pop(pg_dir, None)
    get_server(pg_dir, cleanup_mode=None)
    return pg_dir


def _ensure_database(data_dir: Path) -> None:
    conn = psycopg2.connect(socket_url(data_dir, "postgres"))
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE_NAME,))
            if cur.fetchone() is None:
                cur.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        conn.close()


def _run(cmd: list[str]) -> None:
    # From "/": the server's user may not be able to enter the caller's folder.
    result = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd="/")
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({result.returncode}): {result.stderr.strip()}")
