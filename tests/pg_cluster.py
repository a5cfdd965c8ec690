"""A throwaway PostgreSQL cluster for the tests: Debian's ``initdb`` and
``pg_ctl`` run on a temporary folder, the server listens only on a Unix
socket inside that folder (no TCP port to collide with anything), and
``stop`` removes it all.

PostgreSQL refuses to run as root; as root (CI) the server runs as the
``postgres`` user that Debian's package creates (``runuser``), and the
folder belongs to that user.  Each test gets a database of its own, copied
from a template that already holds the ``pg_trgm`` extension (a copy takes
well under a tenth of a second).
"""

from __future__ import annotations

import itertools
import os
import pwd
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import sqlalchemy as sa

PG_ROOT = Path("/usr/lib/postgresql")
SERVICE_USER = "postgres"
SUPERUSER = "sitrep"
TEMPLATE = "sitrep_template"
START_TIMEOUT_S = 60


class ClusterError(RuntimeError):
    """The cluster could not be made or started (the message says why)."""


def find_bin_dir(root: Path | None = None) -> Path | None:
    """``/usr/lib/postgresql/<version>/bin`` (under ``root``, default
    :data:`PG_ROOT`) of the newest installed version that has ``initdb`` and
    ``pg_ctl``, or ``None``."""
    found: list[tuple[tuple[int, ...], Path]] = []
    for initdb in (root or PG_ROOT).glob("*/bin/initdb"):
        version = tuple(int(part) for part in re.findall(r"\d+", initdb.parent.parent.name))
        if version and (initdb.parent / "pg_ctl").exists():
            found.append((version, initdb.parent))
    return max(found)[1] if found else None


class PgCluster:
    """One PostgreSQL server on a temporary folder (see the module doc)."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.as_service_user = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="sitrep-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._numbers = itertools.count(1)
        self._admin: sa.Engine | None = None
        self.started = False

    # -- running the server ------------------------------------------------------

    def _run(self, *args: str) -> None:
        command = [str(a) for a in args]
        if self.as_service_user:
            command = ["runuser", "-u", SERVICE_USER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT_S,
                              check=False)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise ClusterError(f"{' '.join(command)} failed ({done.returncode}): "
                               f"{done.stderr.strip() or done.stdout.strip()} {log}".strip())

    def start(self) -> None:
        if self.as_service_user:
            try:
                user = pwd.getpwnam(SERVICE_USER)
            except KeyError as error:
                raise ClusterError(f"running as root, and there is no {SERVICE_USER!r} user to "
                                   "run PostgreSQL as (Debian's postgresql package makes it)"
                                   ) from error
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self.root.chmod(0o755)
        # C.UTF-8 always exists on Debian; UTF-8 so any text can be stored.
        self._run(self.bin_dir / "initdb", "-D", self.data, "-U", SUPERUSER, "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-c listen_addresses='' -k {self.root} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run(self.bin_dir / "pg_ctl", "-D", self.data, "-l", self.log, "-w",
                  "-t", str(START_TIMEOUT_S), "-o", options, "start")
        self.started = True
        with self.admin().connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {TEMPLATE}")
        template = sa.create_engine(self.url(TEMPLATE), poolclass=sa.NullPool)
        with template.begin() as conn:
            conn.exec_driver_sql("CREATE EXTENSION pg_trgm")
        template.dispose()

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.dispose()
        try:
            if self.started:
                self._run(self.bin_dir / "pg_ctl", "-D", self.data, "-m", "immediate", "-w",
                          "stop")
        finally:
            self.started = False
            shutil.rmtree(self.root, ignore_errors=True)

    # -- databases ----------------------------------------------------------------

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of ``database`` (over the socket in the folder)."""
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.root}"

    def admin(self) -> sa.Engine:
        if self._admin is None:
            self._admin = sa.create_engine(self.url("postgres"), poolclass=sa.NullPool,
                                           isolation_level="AUTOCOMMIT")
        return self._admin

    def new_database(self, *, with_trgm: bool = True) -> str:
        """A fresh, empty database (copied from the template that holds
        ``pg_trgm``, or from ``template0`` without it); its URL."""
        name = f"test_{os.getpid()}_{next(self._numbers)}"
        template = TEMPLATE if with_trgm else "template0"
        with self.admin().connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {template}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop the database of ``url`` (closing its connections)."""
        name = sa.engine.make_url(url).database
        with self.admin().connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
