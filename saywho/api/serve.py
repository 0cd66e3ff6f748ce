"""Running the workbench with uvicorn: loopback by default, a token for anything else."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from pathlib import Path

from ..errors import SaywhoError

__all__ = ["ServeError", "check_bind", "check_port", "is_loopback", "serve", "url_for"]


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


def check_port(host: str, port: int) -> None:
    """ServeError when ``host:port`` cannot be listened on (in use, or not an address here)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host.strip("[]"), port))
        except OSError as e:
            raise ServeError(
                f"cannot listen on {host}:{port} ({e.strerror or e}); pass another --port, "
                "or stop the program that uses it"
            ) from e


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
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the workbench until interrupted (blocks). ServeError/StoreError before starting.

    ``on_ready(url)`` is called once the app is built, just before listening.
    """
    import uvicorn

    from .app import create_app
    from .security import LOOPBACK_HOSTS

    check_bind(host, token)
    check_port(host, port)
    hosts = LOOPBACK_HOSTS if is_loopback(host) and not token else None
    app = create_app(db_path, write=write, token=token, allowed_hosts=hosts)
    if on_ready is not None:
        on_ready(url_for(host, port))
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        timeout_keep_alive=30,  # clients reusing a connection the server just closed see errors
    )
