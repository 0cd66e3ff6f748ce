"""``saywho serve``: refuses unsafe or impossible starts with a next step; serves over HTTP."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from saywho.cli import cli
from saywho.store import open_store

from ..api.kit import workbench_corpus


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "wb.db"
    with open_store(path) as store:
        store.add(workbench_corpus())
    return path


def test_refuses_a_public_address_without_a_token(db: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert result.exit_code == 1
    assert "without an access token" in result.output and "--token" in result.output


def test_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "saywho ingest" in result.output


def test_port_in_use(db: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", str(port)])
    assert result.exit_code == 1 and "another --port" in result.output


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serves_and_prints_its_url(db: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "saywho", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url == f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(url + "api/stats", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert r.status_code == 200 and r.json()["articles"] == 5
        assert "server" not in r.headers
    finally:
        proc.terminate()
        proc.communicate(timeout=20)


def test_embed_first_then_serve(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import saywho.api

    served: list[dict[str, object]] = []
    monkeypatch.setattr(saywho.api, "serve", lambda path, **kw: served.append(kw))
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--embed"])
    assert result.exit_code == 0, result.output
    assert "6 quotes embedded" in result.output
    assert served and served[0]["host"] == "127.0.0.1" and served[0]["write"] is False
    rows = sqlite3.connect(db).execute("SELECT count(*) FROM quote_vectors").fetchone()
    assert rows == (6,)
