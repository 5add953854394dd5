"""Serving the practice page on this machine with uvicorn, until Ctrl-C.

The socket is bound here, before uvicorn starts, so that port 0 (any free port) is known
in time to print the address, and a browser opened at once finds the page listening.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import webbrowser
from dataclasses import dataclass
from typing import Any, Callable

DEFAULT_HOST = "127.0.0.1"


class ServeError(Exception):
    """The page cannot be served (the port is taken, the host is not this machine's)."""


@dataclass(frozen=True)
class Address:
    host: str
    port: int

    @property
    def url(self) -> str:
        """Where a browser on this machine finds the page (a wildcard host is reached at 127.0.0.1)."""
        host = {"0.0.0.0": DEFAULT_HOST, "": DEFAULT_HOST, "::": "::1"}.get(self.host.strip("[]"), self.host.strip("[]"))
        return f"http://[{host}]:{self.port}/" if ":" in host else f"http://{host}:{self.port}/"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> tuple[socket.socket, Address]:
    """A listening TCP socket on ``host``:``port`` (0: a free port); ServeError in one sentence.

    Made with protocol IPPROTO_TCP (not 0, as ``socket.create_server`` makes it) so that
    asyncio turns Nagle's algorithm off on each connection: otherwise a response's headers
    and body, written apart, wait out the client's delayed ACK, 40 ms per request.
    """
    sock = None
    try:
        family, _, _, _, address = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM,
                                                      proto=socket.IPPROTO_TCP, flags=socket.AI_PASSIVE)[0]
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        if os.name == "posix":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind(address)
        sock.listen(128)
    except (OSError, UnicodeError) as exc:
        if sock is not None:
            sock.close()
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ServeError(f"cannot serve on {host} port {port} ({reason}); choose another --host or --port.") from None
    sock.setblocking(False)
    return sock, Address(host, sock.getsockname()[1])


def open_browser(url: str) -> bool:
    """Open ``url`` in the default browser; False when there is none."""
    try:
        return webbrowser.open(url)
    except Exception:  # noqa: BLE001 - no browser is not an error: the address is printed
        return False


def serve(app: Any, sock: socket.socket, *, on_ready: Callable[[], None] | None = None) -> None:
    """Serve ``app`` on ``sock`` until Ctrl-C (or SIGTERM), then return normally."""
    import uvicorn

    config = uvicorn.Config(app, lifespan="off", http="h11", ws="none", log_level="warning", access_log=False,
                            server_header=False, timeout_graceful_shutdown=3)
    server = uvicorn.Server(config)
    if on_ready is not None:
        on_ready()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises the Ctrl-C it handled, once it has shut down
        pass
    finally:
        sock.close()
