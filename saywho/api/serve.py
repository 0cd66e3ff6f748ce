"""Running the workbench with uvicorn: loopback by default, a token for anything else."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

from ..errors import SaywhoError

__all__ = ["ServeError", "check_bind", "is_loopback", "serve", "url_for"]


class ServeError(SaywhoError):
    """The workbench cannot be started as asked; the message says how to start it."""


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and names that resolve only to them (``localhost``)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0]).is_loopback for i in infos)


def check_bind(host: str, token: str | None) -> None:
    """ServeError when ``host`` is reachable from other machines and no token is set."""
    if not is_loopback(host) and not token:
        raise ServeError(
            f"refusing to listen on {host} without an access token: anyone who can reach "
            "this machine could read the database. Pass --token SECRET (clients then send "
            "`Authorization: Bearer SECRET`), or listen on 127.0.0.1"
        )


def url_for(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(
    db_path: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    write: bool = False,
    token: str | None = None,
) -> None:
    """Serve the workbench until interrupted (blocks). ServeError/StoreError before starting."""
    import uvicorn

    from .app import create_app

    check_bind(host, token)
    app = create_app(db_path, write=write, token=token)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
