"""A scratch schema in the local PostgreSQL server, as a council's SSD extract scripts leave one:
the source the SSD database reader is tested against (the `ssd_source` fixture in conftest)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


def source_url() -> str:
    user = os.environ.get("PGUSER", "postgres")
    host = os.environ.get("PGHOST", "127.0.0.1")
    port = os.environ.get("PGPORT", "5432")
    return f"postgresql://{user}@{host}:{port}/{os.environ.get('PGDATABASE', 'test')}"


@contextmanager
def scratch_schema() -> Iterator[tuple[object, str]]:
    """(connection, schema name), the schema dropped afterwards; skips without a server."""
    psycopg = pytest.importorskip("psycopg")
    try:
        connection = psycopg.connect(source_url(), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server to read from")
    name = f"ssd_src_{uuid.uuid4().hex[:8]}"
    connection.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield connection, name
    finally:
        connection.execute(f'DROP SCHEMA "{name}" CASCADE')
        connection.close()
