"""What wraps every request of the practice page: the Host header checked, so that a web site
cannot reach the page through a name of its own that resolves to this machine (DNS
rebinding), and the headers every response carries: a strict Content-Security-Policy (only
this page's own files, no inline script or style, no other host), no sniffing, no framing,
no referrer, and ``Server-Timing`` with the time the server spent (what the benchmark reads,
and what a browser's developer tools show).

A plain ASGI middleware rather than Starlette's ``BaseHTTPMiddleware``, which costs a task
and a stream copy per request.
"""

from __future__ import annotations

import time
from typing import Any, Awaitable, Callable

Scope = dict[str, Any]
Message = dict[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
NO_STORE = (b"cache-control", b"no-store")


def host_name(scope: Scope) -> str:
    """The request's Host header without its port (``[::1]:8000`` -> ``[::1]``)."""
    host = next((value.decode("latin-1") for name, value in scope.get("headers", ()) if name == b"host"), "")
    if host.startswith("["):
        return host[:host.find("]") + 1]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


class SecurityHeaders:
    """Refuses a Host not in ``hosts`` (``"*"``: any), and adds :data:`HEADERS` (and
    ``Cache-Control: no-store`` unless set) to every HTTP response."""

    def __init__(self, app: ASGIApp, hosts: tuple[str, ...] = ("*",)) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]],
                       send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", ()) if h[0].lower() not in dict(HEADERS)]
                headers.extend(HEADERS)
                if not any(name.lower() == b"cache-control" for name, _ in headers):
                    headers.append(NO_STORE)
                spent = (time.perf_counter() - started) * 1000
                headers.append((b"server-timing", f"app;dur={spent:.2f}".encode()))
                message = dict(message, headers=headers)
            await send(message)

        if "*" not in self.hosts and host_name(scope).lower() not in self.hosts:
            await _refuse_host(send_with_headers, self.hosts[0])
            return
        await self.app(scope, receive, send_with_headers)


async def _refuse_host(send: Callable[[Message], Awaitable[None]], host: str) -> None:
    body = f"This page answers only at its own address, such as http://{host}/.\n".encode()
    await send({"type": "http.response.start", "status": 400,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
