"""Server-rendered pages: the story list, one story, and the side-by-side comparison."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from storylens.storyview.listing import StoryList
from storylens.web.backend import Backend, NotFound
from storylens.web.timeline import coverage_chart

TEMPLATES = Path(__file__).with_name("templates")
PAGE_SIZE = 25
#: a pasted article larger than this is refused before any model sees it
MAX_PASTE_CHARS = 200_000

router = APIRouter(include_in_schema=False)
env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"], default_for_string=True, default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def web_url(url: str | None) -> str | None:
    """The URL if it is http(s): an article's ``javascript:`` link must never become a link."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


env.filters["web_url"] = web_url


def render(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(env.get_template(name).render(**context), status_code=status_code)


def error_page(status_code: int, title: str, message: str) -> HTMLResponse:
    return render("error.html", status_code, title=title, message=message)


def _backend(request: Request) -> Backend:
    return request.app.state.backend


@router.get("/", response_class=HTMLResponse)
async def story_list(
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    lib = _backend(request)
    query = (q or "").strip() or None
    stories, total = await run_in_threadpool(lib.stories, query, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    outlets = await run_in_threadpool(lib.outlet_counts)
    pages = max(1, -(-total // PAGE_SIZE))

    def link(n: int) -> str:
        return "/?" + urlencode({k: v for k, v in (("q", query), ("page", n)) if v})

    return render(
        "index.html",
        stories=StoryList.of(stories, total, PAGE_SIZE, (page - 1) * PAGE_SIZE).stories,
        total=total,
        q=query or "",
        page=page,
        pages=pages,
        prev_link=link(page - 1) if page > 1 else None,
        next_link=link(page + 1) if page < pages else None,
        outlets=sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0])),
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story_page(request: Request, story_id: str) -> HTMLResponse:
    try:
        story, coverage = await run_in_threadpool(_backend(request).story_page, story_id)
    except NotFound:
        return error_page(404, "Story not found", f"There is no story with id {story_id}.")
    from storylens.render.story_html import story_section

    view = await run_in_threadpool(_backend(request).story_view, story.id)
    grouped = {aid for group in story.duplicate_groups if len(group) > 1 for aid in group}
    titles = {m.id: m for m in story.articles}
    groups = [[titles[i] for i in g if i in titles] for g in story.duplicate_groups if len(g) > 1]
    return render(
        "story.html",
        story=story,
        chart=coverage_chart(coverage),
        groups=groups,
        grouped=grouped,
        # the section escapes everything taken from the articles itself
        facts=Markup(story_section(view)),
    )


@router.get("/compare", response_class=HTMLResponse)
async def compare_page(
    request: Request,
    a: Annotated[str | None, Query(max_length=100)] = None,
    b: Annotated[str | None, Query(max_length=100)] = None,
    pick: Annotated[list[str] | None, Query(max_length=2)] = None,
) -> HTMLResponse:
    # the story page's checkboxes submit ``pick`` twice when JavaScript is off
    if pick and not (a or b):
        if len(pick) != 2:
            return error_page(400, "Pick two articles", "Tick exactly two articles to compare.")
        a, b = pick
    if not a and not b:
        return render("compare.html", comparison=None, form={})
    if not (a and b):
        return error_page(400, "Pick two articles", "A comparison needs two article ids, a and b.")
    lib = _backend(request)
    try:
        comparison = await run_in_threadpool(lib.compare_ids, a, b)
    except NotFound as exc:
        return error_page(404, "Article not found", str(exc).capitalize() + ".")
    return _comparison_page(lib, comparison, form={})


@router.post("/compare", response_class=HTMLResponse)
async def compare_pasted(request: Request) -> HTMLResponse:
    form = _form(await request.body())
    missing = [side for side in ("a", "b") if not form.get(f"{side}_text", "").strip()]
    if missing:
        return render(
            "compare.html",
            400,
            comparison=None,
            form=form,
            error=f"Paste the text of article {' and '.join(m.upper() for m in missing)}.",
        )
    if any(len(form[f"{side}_text"]) > MAX_PASTE_CHARS for side in ("a", "b")):
        error = f"Each article may be at most {MAX_PASTE_CHARS:,} characters."
        return render("compare.html", 413, comparison=None, form=form, error=error)
    lib = _backend(request)
    parsed = []
    for side in ("a", "b"):
        try:
            parsed.append(
                lib.parse(
                    form[f"{side}_text"],
                    title=form.get(f"{side}_title"),
                    outlet=form.get(f"{side}_outlet"),
                    published=form.get(f"{side}_published"),
                )
            )
        except ValueError as exc:
            error = f"Article {side.upper()}: {exc}."
            return render("compare.html", 422, comparison=None, form=form, error=error)
    a, b = parsed
    comparison = await run_in_threadpool(lib.compare, a, b)
    return _comparison_page(lib, comparison, form=form)


def _form(body: bytes) -> dict[str, str]:
    """An urlencoded form, first value per field (no multipart: nothing here uploads files)."""
    fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {
        k: v[0].strip() if k.endswith("_text") else v[0].strip()[:1000] for k, v in fields.items()
    }


def _comparison_page(lib: Backend, comparison: Any, form: dict[str, str]) -> HTMLResponse:
    data = comparison.to_dict()
    # the report escapes everything taken from the articles itself
    section = Markup(lib.report_html(comparison))
    return render("compare.html", comparison=data, section=section, form=form)


@router.get("/static/report.css")
async def report_css(request: Request) -> Response:
    """The HTML report's stylesheet, served as a file so that the CSP needs no inline styles."""
    css = _backend(request).report_css()
    return Response(css, media_type="text/css", headers={"cache-control": "max-age=3600"})


@router.get("/static/story.css")
async def story_css() -> Response:
    """The story view's stylesheet, served as a file so that the CSP needs no inline styles."""
    from storylens.render.story_html import STORY_CSS

    return Response(STORY_CSS, media_type="text/css", headers={"cache-control": "max-age=3600"})


@router.get("/docs", response_class=HTMLResponse)
async def api_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered here from the OpenAPI spec: Swagger UI would need a CDN."""
    from storylens.web.apidoc import describe

    return render("docs.html", api=describe(request.app.openapi()))
