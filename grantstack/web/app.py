"""The advisor's page: open a firm, edit it, see the plan move, save and compare scenarios, download reports."""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from grantstack.models.firm import Firm
from grantstack.models.loading import InputError, parse_firm
from grantstack.models.options import PlanOptions
from grantstack.optimizer.result import PlanResult
from grantstack.reports import BINARY, FORMATS, build_report, render
from grantstack.web import work
from grantstack.web.compare import compare_scenarios
from grantstack.web.examples import example_names, load_example
from grantstack.web.followups import FollowUps, remember
from grantstack.web.forms import firm_fields, option_fields, read_form
from grantstack.web.pages import templates
from grantstack.web.pool import Busy, Lane, SolvePool, TimedOut
from grantstack.web.security import BodyLimit, TokenGate, is_loopback
from grantstack.web.timing import Timings
from grantstack.web.workspace import Workspace, WorkspaceStore

__all__ = ["ServeSettings", "create_app"]

COOKIE = "grantstack_session"
SUFFIX = {"table": "txt"}


@dataclass(frozen=True)
class ServeSettings:
    """How the page runs: where it listens, its token, limits, and the two solver lanes."""

    host: str = "127.0.0.1"
    port: int = 8765
    token: str | None = None
    max_body: int = 1_000_000
    typical: Lane = field(default_factory=lambda: Lane("typical", 2, 64, 10.0))
    long: Lane = field(default_factory=lambda: Lane("long", 1, 8, 60.0))
    heavy_size: int = 150
    """Size ((projects + events + 1) x horizon years) above which a firm goes to the long lane."""
    slow_seconds: float = 1.0
    start_method: str = "spawn"


def _size(firm: Firm, years: tuple[int, int]) -> int:
    """A cheap size estimate: (projects + events + 1) x years (the examples are 55 or less)."""
    return (len(firm.projects) + len(firm.events) + 1) * (years[1] - years[0] + 1)


def _key(firm: Firm, years: tuple[int, int], options: PlanOptions) -> str:
    text = f"{firm.model_dump_json()}|{years}|{options.model_dump_json()}"
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def create_app(settings: ServeSettings | None = None, pool: SolvePool | None = None) -> FastAPI:
    """The FastAPI application; `pool` may be shared (tests), else one is started with the app."""
    cfg = settings or ServeSettings()
    if not is_loopback(cfg.host) and not cfg.token:
        raise ValueError("serving beyond the loopback needs a token (--token, or one is generated)")
    store = WorkspaceStore()
    state: dict[str, SolvePool] = {}
    solved: OrderedDict[str, PlanResult] = OrderedDict()  # same firm, horizon and options: the same plan
    follow = FollowUps()  # why-not and readings, after the plan, in the long lane

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
        state["pool"] = pool or SolvePool(cfg.typical, cfg.long, cfg.start_method)
        await asyncio.get_running_loop().run_in_executor(None, state["pool"].warm)
        yield
        if pool is None:
            state["pool"].close()

    app = FastAPI(title="grantstack", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(packages=[("grantstack.web", "static")]), name="static")

    def workspace(request: Request) -> tuple[str, Workspace]:
        return store.get(request.cookies.get(COOKIE))

    def page(request: Request, sid: str, ws: Workspace, name: str = "page.html.j2", **extra: Any) -> HTMLResponse:
        data = build_report(ws.result, work.catalogue(), ws.firm) if ws.result is not None else None
        ctx = {"ws": ws, "d": data, "examples": example_names(), "fields": firm_fields(ws.firm) if ws.firm else [],
               "options": option_fields(ws.options), "errors": {}, "paragraph": "", "open_error": "", "values": {},
               "oob": set(),
               "formats": [f for f in FORMATS if f != "table"] + ["table"], "suffix": SUFFIX, **extra}  # fmt: skip
        response = templates().TemplateResponse(request, name, ctx)
        response.set_cookie(COOKIE, sid, httponly=True, samesite="strict")
        return response

    async def solve(ws: Workspace, timings: Timings | None = None) -> PlanResult:
        assert ws.firm is not None
        p = state["pool"]
        key = _key(ws.firm, ws.years, ws.options)
        if key in solved:
            solved.move_to_end(key)
            if timings is not None:
                timings.add("cached", 0.0)
            return solved[key]
        lane = p.lane_for(key, _size(ws.firm, ws.years), cfg.heavy_size, cfg.slow_seconds)
        limit = p.lanes[lane].lane.time_limit
        options = ws.options.model_copy(update={"time_limit": min(ws.options.time_limit, limit)})
        result = await p.run(lane, work.solve_firm, ws.firm.model_dump_json(), ws.years, options.model_dump_json(),
                             key=key)  # fmt: skip
        if timings is not None:  # the worker's own account: model building and CP-SAT (the rest is the pool)
            timings.add("worker-build", result.build_seconds * 1000)
            timings.add("worker-cpsat", result.solve_seconds * 1000)
        if result.status == "OPTIMAL":  # only proven plans are reused: a time-limited one may improve
            remember(solved, key, result)
        return result

    async def open_firm(request: Request, firm: Firm, source: str) -> HTMLResponse:
        sid, ws = workspace(request)
        ws.firm, ws.source, ws.result = firm, source, None
        ws.result = await solve(ws)
        return page(request, sid, ws)

    def failure(request: Request, exc: Exception) -> HTMLResponse:
        sid, ws = workspace(request)
        status = 503 if isinstance(exc, (Busy, TimedOut)) else 400
        response = page(request, sid, ws, open_error=str(exc))
        response.status_code = status
        return response

    @app.get("/", response_class=HTMLResponse)
    async def index(request: Request) -> HTMLResponse:
        sid, ws = workspace(request)
        return page(request, sid, ws)

    @app.post("/open/example", response_class=HTMLResponse)
    async def open_example(request: Request, name: Annotated[str, Form()]) -> HTMLResponse:
        try:
            return await open_firm(request, load_example(name), f"{name}.yaml")
        except (InputError, Busy, TimedOut) as exc:
            return failure(request, exc)

    @app.post("/open/upload", response_class=HTMLResponse)
    async def open_upload(request: Request, file: Annotated[UploadFile, File()]) -> HTMLResponse:
        label = (file.filename or "upload.yaml").replace("\\", "/").rsplit("/", 1)[-1][:80] or "upload.yaml"
        try:
            text = (await file.read()).decode("utf-8")
            return await open_firm(request, parse_firm(label, text, work.catalogue()), label)
        except UnicodeDecodeError as exc:
            return failure(request, InputError(f"{label}: cannot read the file ({exc.reason}). Save it as UTF-8."))
        except (InputError, Busy, TimedOut) as exc:
            return failure(request, exc)

    @app.post("/open/text", response_class=HTMLResponse)
    async def open_text(
        request: Request, text: Annotated[str, Form()], label: Annotated[str, Form()] = "firm.yaml"
    ) -> HTMLResponse:
        label = label.rsplit("/", 1)[-1][:80] or "firm.yaml"
        try:
            return await open_firm(request, parse_firm(label, text, work.catalogue()), label)
        except (InputError, Busy, TimedOut) as exc:
            return failure(request, exc)

    @app.post("/plan", response_class=HTMLResponse)
    async def replan(request: Request) -> HTMLResponse:
        sid, ws = workspace(request)
        if ws.firm is None:
            return page(request, sid, ws, open_error="Open a firm first: choose an example or upload a firm file.")
        timings = Timings()
        form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
        result = read_form(ws.firm, form, ws.source or "firm.yaml")
        partial = request.headers.get("HX-Request") == "true"
        name = "_update.html.j2" if partial else "page.html.j2"
        oob, ws.marked = ws.marked | set(result.errors), set(result.errors)
        timings.lap("read")
        extra: dict[str, Any] = {"values": form, "oob": oob}
        if result.firm is None:
            extra.update(errors=result.errors, paragraph=result.paragraph)
        else:
            ws.firm, ws.options, ws.years = result.firm, result.options, result.years
            try:
                ws.result = await solve(ws, timings)
            except (Busy, TimedOut) as exc:
                extra["paragraph"] = str(exc)
            timings.lap("solve")
        response = page(request, sid, ws, name, **extra)
        timings.lap("render")
        response.headers["Server-Timing"] = timings.header()
        return response

    @app.get("/whynot", response_class=HTMLResponse)
    async def why_not(request: Request) -> HTMLResponse:
        sid, ws = workspace(request)
        if ws.firm is None:
            return HTMLResponse("")
        try:
            items = await follow.why_not(state["pool"], _key(ws.firm, ws.years, ws.options), ws)
        except (Busy, TimedOut) as exc:
            return HTMLResponse(f"<p class='warn'>{exc}</p>", status_code=503)
        return templates().TemplateResponse(request, "_whynot.html.j2", {"items": items, "ws": ws})

    @app.get("/readings", response_class=HTMLResponse)
    async def readings(request: Request) -> HTMLResponse:
        sid, ws = workspace(request)
        if ws.firm is None or ws.result is None:
            return HTMLResponse("")
        try:
            result = await follow.with_readings(state["pool"], _key(ws.firm, ws.years, ws.options), ws)
        except (Busy, TimedOut) as exc:
            return HTMLResponse(f"<section id='readings'><p class='warn'>{exc}</p></section>", status_code=503)
        data = build_report(result, work.catalogue(), ws.firm)
        return templates().TemplateResponse(request, "_readings.html.j2", {"d": data, "asked": True})

    @app.post("/scenarios", response_class=HTMLResponse)
    async def save_scenario(request: Request, name: Annotated[str, Form()]) -> HTMLResponse:
        sid, ws = workspace(request)
        name = " ".join(name.split())[:60]
        error = ""
        try:
            if not name:
                raise ValueError("give the scenario a name")
            ws.save(name)
        except ValueError as exc:
            error = str(exc)
        return templates().TemplateResponse(request, "_scenarios.html.j2", {"ws": ws, "scenario_error": error})

    @app.get("/compare", response_class=HTMLResponse)
    async def compare(request: Request, a: str, b: str) -> HTMLResponse:
        sid, ws = workspace(request)
        if a not in ws.scenarios or b not in ws.scenarios:
            return HTMLResponse("<p class='bad'>Choose two saved scenarios.</p>", status_code=404)
        cmp = compare_scenarios(ws.scenarios[a], ws.scenarios[b], work.catalogue())
        return templates().TemplateResponse(request, "_compare.html.j2", {"c": cmp})

    @app.get("/download/{fmt}")
    async def download(request: Request, fmt: str) -> Response:
        sid, ws = workspace(request)
        if fmt not in FORMATS or ws.result is None or ws.firm is None:
            return Response("unknown format, or no plan yet", status_code=404)
        try:  # a report handed to a client carries the value at stake of every other reading
            result = await follow.with_readings(state["pool"], _key(ws.firm, ws.years, ws.options), ws)
        except (Busy, TimedOut) as exc:
            return Response(f"the readings could not be worked out now ({exc}); try again", status_code=503)
        data = build_report(result, work.catalogue(), ws.firm)
        try:
            body = await asyncio.get_running_loop().run_in_executor(None, render, data, fmt)
        except InputError as exc:  # PDF without WeasyPrint/Pango: the one line naming what to install
            return Response(str(exc), status_code=501, media_type="text/plain")
        name = f"{ws.result.firm}-plan.{SUFFIX.get(fmt, fmt)}"
        media = {"pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "html": "text/html", "json": "application/json", "csv": "text/csv", "md": "text/markdown"}  # fmt: skip
        content = body if fmt in BINARY else str(body).encode()
        return Response(content, media_type=media.get(fmt, "text/plain"),
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip

    @app.get("/healthz")
    async def health() -> JSONResponse:
        return JSONResponse({"ok": True, "workspaces": len(store), "lanes": state["pool"].status()})

    if is_loopback(cfg.host):  # a page on the loopback answers only to loopback names (no DNS rebinding)
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost", "[::1]", "testserver"])
    if cfg.token:
        app.add_middleware(TokenGate, token=cfg.token)
    app.add_middleware(BodyLimit, limit=cfg.max_body)  # outermost: refuses before anything reads the body
    return app
