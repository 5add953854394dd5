"""The practice page as a Starlette application: pages, the preview/check/solution API, its files.

    GET  /                 the start page: the command's first problem (or a topic to pick) and the progress
    GET  /practice?...     a problem named by kinds and seeds (see problems.py); no seed: a fresh one
    POST /api/preview      {page, id, part, text}  -> how the grader reads the text
    POST /api/check        {page, id, answers}     -> each part graded, the check kept as progress
    POST /api/solution     {page, id}              -> the worked solution and the answers
    GET  /static/NAME      the page's style sheets, script and icon

Every refusal is a 4xx with one sentence (JSON ``{"error": ...}`` for the API, a page
otherwise), never a traceback. Requests must be JSON and at most :data:`MAX_BODY` bytes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

from starlette.applications import Starlette
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from probgen.grader.read.grid import MAX_TEXT as LONGEST_ANSWER
from probgen.grader.results import tidy

from .. import render
from ..seeding import fresh_seed
from . import answers, pages
from . import problems as pr
from .headers import SecurityHeaders
from .store import Store

#: The largest request body read: room for the longest answer the grader reads at all
#: (LONGEST_ANSWER characters) in each of a problem's parts, every character JSON-escaped
#: (``\u0000`` is 6 bytes). A longer answer is the grader's to refuse, with its own words.
MAX_PARTS = 16
MAX_BODY = MAX_PARTS * LONGEST_ANSWER * 6 + 64 * 1024
MAX_PAGE = 16 * 1024        # characters of a page's query string (64 names and the numbers fit)
STATIC = {
    "practice.js": (pages.STATIC / "practice.js", "text/javascript; charset=utf-8"),
    "practice.css": (pages.STATIC / "practice.css", "text/css; charset=utf-8"),
    "favicon.svg": (pages.STATIC / "favicon.svg", "image/svg+xml"),
    "sheet.css": (render.TEMPLATE_DIR / "sheets" / "sheet.css", "text/css; charset=utf-8"),
}
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


class Refused(Exception):
    """A request the API cannot take; ``status`` is its 4xx and the message one sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def json_response(data: Any, status: int = 200) -> Response:
    """JSON with non-ASCII escaped: an answer may hold lone surrogates, which UTF-8 cannot encode."""
    return Response(json.dumps(data, ensure_ascii=True), status, media_type="application/json")


async def _body(request: Request) -> dict[str, Any]:
    """The request's JSON object, read no further than MAX_BODY bytes."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise Refused(415, "Send the request as JSON, with Content-Type: application/json.")
    too_large = Refused(413, f"This request is larger than {MAX_BODY:,} bytes, more than any answer the grader reads.")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise too_large
    try:
        data = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):
        raise Refused(400, "The request is not JSON this page can read.") from None
    if not isinstance(data, dict):
        raise Refused(400, "The request must be a JSON object.")
    return data


def _text(data: dict[str, Any], name: str, longest: int | None = None) -> str:
    value = data.get(name)
    if not isinstance(value, str) or (longest is not None and len(value) > longest):
        raise Refused(400, f"The request needs {name!r} as text.")
    return value


def _problem(data: dict[str, Any]) -> pr.Problem:
    """The problem a request is about: its page's kinds and seeds, checked against its id."""
    ref = pr.parse(QueryParams(_text(data, "page", MAX_PAGE)))
    return pr.named(ref, _text(data, "id", MAX_PAGE))


def _part(problem: pr.Problem, label: str) -> dict[str, Any]:
    part = problem.part(label)
    if part is None:
        raise Refused(400, f"Problem {problem.id} has no part {label!r}.")
    return part


class Practice:
    """The application's state: where the start page begins and where progress is kept."""

    def __init__(self, start: pr.Ref | None, store: Store | None) -> None:
        self.start = start
        self.store = store

    def _progress(self) -> Any:
        return self.store.summary() if self.store is not None else None

    async def home(self, request: Request) -> Response:
        store_path = self.store.path if self.store is not None else None
        if self.start is None:
            return HTMLResponse(pages.start_page(progress=self._progress() or (), store_path=store_path))
        problem = pr.problem(self.start)
        return HTMLResponse(pages.problem_page(problem, title=pages.page_title(self.start),
                                               progress=self._progress() or (), store_path=store_path))

    async def practice(self, request: Request) -> Response:
        params = request.query_params
        if "seed" not in params:    # new problems: a fresh seed, topics pinned, in an address that keeps them
            fresh = pr.parse(QueryParams([*params.multi_items(), ("seed", str(fresh_seed()))]))
            ref = pr.pinned(fresh.topics, fresh.templates, fresh.seed, fresh.difficulty).at(fresh.position)
            return RedirectResponse(f"/practice?{ref.query()}", status_code=303)
        ref = pr.parse(params)
        return HTMLResponse(pages.problem_page(pr.problem(ref), title=pages.page_title(ref)))

    async def preview(self, request: Request) -> Response:
        data = await _body(request)
        problem = _problem(data)
        part = _part(problem, _text(data, "part", MAX_PAGE))
        return json_response(answers.preview(part, _text(data, "text")).to_json())

    async def check(self, request: Request) -> Response:
        data = await _body(request)
        problem = _problem(data)
        given = data.get("answers")
        if not isinstance(given, dict):
            raise Refused(400, "The request needs 'answers', an object from part label to the answer's text.")
        for label, value in given.items():
            _part(problem, label)
            if not isinstance(value, str):
                raise Refused(400, f"The answer to part ({label}) must be text.")
        checked = answers.check(problem.key["parts"], given)
        score, most = answers.total(checked)
        if self.store is not None:
            self.store.record(problem.id, float(score), float(most))
        return json_response({"id": problem.id, "score": tidy(score), "max_score": tidy(most),
                              "parts": [c.to_json() for c in checked]})

    async def solution(self, request: Request) -> Response:
        data = await _body(request)
        problem = _problem(data)
        view = pr.solution(problem.ref)
        expected = [answers.expected_shown(part, None, solution_shown=True) for part in problem.key["parts"]]
        return json_response(pages.solution_json(view, expected))

    async def static(self, request: Request) -> Response:
        found = STATIC.get(request.path_params["name"])
        if found is None:
            raise HTTPException(404)
        path, media_type = found
        return Response(_file(path), media_type=media_type, headers={"Cache-Control": "no-cache"})


def _file(path: Path, cache: dict[Path, bytes] = {}) -> bytes:  # noqa: B006 - a cache on purpose
    if path not in cache:
        cache[path] = path.read_bytes()
    return cache[path]


# ---- errors -----------------------------------------------------------------------------

_REASONS = {404: "There is no such page here.", 405: "This address does not take that kind of request."}


def _refusal(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return json_response({"error": message}, status)
    return HTMLResponse(pages.error_page(status, message), status)


def _handlers() -> dict[Any, Callable[..., Any]]:
    def sentence(status: int) -> Callable[[Request, Exception], Response]:
        return lambda request, exc: _refusal(request, status, str(exc))

    def http(request: Request, exc: HTTPException) -> Response:
        return _refusal(request, exc.status_code, _REASONS.get(exc.status_code, f"{exc.detail}."))

    def refused(request: Request, exc: Refused) -> Response:
        return _refusal(request, exc.status, str(exc))

    def bug(request: Request, exc: Exception) -> Response:
        print(f"probgen practice: internal error on {request.url.path} ({type(exc).__name__}: {exc}).", file=sys.stderr)
        return _refusal(request, 500, f"Something went wrong on our side ({type(exc).__name__}); "
                                      "please report it with the address of this page.")

    return {Refused: refused, pr.BadPage: sentence(400), pr.NoSuchKind: sentence(404), pr.Stale: sentence(409),
            HTTPException: http, Exception: bug}


def warm(start: pr.Ref | None, store: Store | None) -> None:
    """Make and render what the first request needs (the first problem, the templates, the
    grader's readers for its parts), so that the page opens at once."""
    if start is not None:
        problem = pr.problem(start)
        pages.problem_page(problem, title=pages.page_title(start), progress=store.summary() if store else ())
        for part in problem.key["parts"]:
            answers.expected_shown(part, None, solution_shown=True)
    else:
        pages.start_page(progress=(), store_path=None)


def hosts_for(host: str) -> tuple[str, ...]:
    """The Host header names the page answers when served on ``host`` (others are refused)."""
    if host in ("0.0.0.0", "::", ""):
        return ("*",)
    named = f"[{host}]" if ":" in host else host
    return tuple(dict.fromkeys([named.lower(), *LOOPBACK_NAMES]))


def create_app(start: pr.Ref | None = None, store: Store | None = None, *,
               hosts: Sequence[str] = LOOPBACK_NAMES) -> SecurityHeaders:
    """The practice page as an ASGI application; ``start`` is the problem ``/`` shows (None: a
    topic to pick), ``store`` keeps the progress (None: none is kept), ``hosts`` are the
    Host headers answered. The security headers wrap everything, error pages included."""
    state = Practice(start, store)
    routes = [
        Route("/", state.home),
        Route("/practice", state.practice),
        Route("/api/preview", state.preview, methods=["POST"]),
        Route("/api/check", state.check, methods=["POST"]),
        Route("/api/solution", state.solution, methods=["POST"]),
        Route("/static/{name}", state.static),
    ]
    return SecurityHeaders(Starlette(routes=routes, exception_handlers=_handlers()), tuple(hosts))
