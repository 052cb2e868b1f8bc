"""The JSON API under /api: health, compare, add articles, list and show stories."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, BeforeValidator, Field

from storylens.model import Article
from storylens.read.interstitial import refusal
from storylens.read.normalise import clean_text
from storylens.storyview.listing import StoryList
from storylens.web.backend import Backend
from storylens.web.pages import MAX_PASTE_CHARS

router = APIRouter(prefix="/api", tags=["api"])


def _cleaned(value: Any) -> Any:
    """A string cleaned as `read` cleans text, before pydantic sees it: pydantic refuses a lone
    surrogate (valid JSON, ``"\\ud800"``) with a 422 where every other input gets U+FFFD."""
    return clean_text(value) if isinstance(value, str) else value


#: a string field of a request, cleaned like every text storylens reads
Text = Annotated[str, BeforeValidator(_cleaned)]


class PastedArticle(BaseModel):
    """An article given as plain text, with what is known about it."""

    text: Text = Field(
        min_length=1,
        max_length=MAX_PASTE_CHARS,
        description="the article body; paragraphs split by blank lines"
        f" (at most {MAX_PASTE_CHARS:,} characters, like the compare form)",
    )
    title: Text | None = Field(default=None, max_length=1000)
    outlet: Text | None = Field(default=None, max_length=200)
    published: Text | None = Field(default=None, max_length=100, description="ISO date or time")


class CompareRequest(BaseModel):
    a: PastedArticle
    b: PastedArticle


class AddedArticle(BaseModel):
    id: str
    story: str
    status: Literal["added", "updated", "unchanged"] = Field(
        description="updated: the id was stored with other text, now replaced and regrouped"
    )


class Skipped(BaseModel):
    id: str
    message: str = Field(description="why the article could not be analysed or grouped")


class AddResponse(BaseModel):
    articles: list[AddedArticle]
    problems: list[Skipped] = Field(
        default_factory=list, description="articles skipped; the others are stored all the same"
    )


class StoriesResponse(BaseModel):
    """``StoryList``: the shape ``storylens stories --format json`` prints too."""

    stories: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


class Health(BaseModel):
    status: str
    version: str


def backend(request: Request) -> Backend:
    return request.app.state.backend


BackendDep = Annotated[Backend, Depends(backend)]


async def require_writer(request: Request) -> None:
    """401 unless the request may write (see storylens.web.security.WriteGuard)."""
    await request.app.state.write_guard(request)


def _paste(lib: Backend, item: PastedArticle, field: str) -> Article:
    try:
        return lib.parse(item.text, title=item.title, outlet=item.outlet, published=item.published)
    except ValueError as exc:
        raise _invalid(["body", field, "text"], str(exc)) from exc


def _invalid(loc: list[str | int], message: str) -> HTTPException:
    return HTTPException(
        status_code=422, detail=[{"loc": loc, "msg": message, "type": "value_error"}]
    )


@router.get("/health", summary="Is the server up")
async def health() -> Health:
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("storylens")
    except PackageNotFoundError:
        release = "unknown"
    return Health(status="ok", version=release)


@router.post("/compare", summary="Compare two pasted articles")
async def compare_pasted(body: CompareRequest, lib: BackendDep) -> dict[str, Any]:
    """The same object as `storylens compare --format json`."""
    a, b = _paste(lib, body.a, "a"), _paste(lib, body.b, "b")
    comparison = await run_in_threadpool(lib.compare, a, b)
    return comparison.to_dict()


@router.post(
    "/articles",
    summary="Add articles to the store and cluster them into stories",
    dependencies=[Depends(require_writer)],
    responses={401: {"description": "missing or wrong bearer token"}},
)
async def add_articles(records: list[dict[str, Any]], lib: BackendDep) -> AddResponse:
    """Takes a list of articles as `storylens read` writes them; returns each one's story id."""
    if not records:
        raise _invalid(["body"], "the list of articles is empty")
    articles: list[Article] = []
    # a page served in place of an article is skipped like a failed one, not the whole batch
    served: list[Skipped] = []
    for index, record in enumerate(records):
        try:
            article = lib.from_record(record)
        except (ValueError, TypeError) as exc:
            raise _invalid(["body", index], str(exc)) from exc
        refused = refusal(article)
        if refused:
            served.append(Skipped(id=article.id, message=refused))
        else:
            articles.append(article)
    placed, status, failed = await run_in_threadpool(lib.add, articles)
    return AddResponse(
        articles=[
            AddedArticle(id=a.id, story=placed[a.id], status=status[a.id])
            for a in articles
            if a.id in placed and a.id in status
        ],
        problems=[*served, *(Skipped(id=f.item.id, message=f.reason) for f in failed)],
    )


@router.get("/stories", summary="List stories, newest and largest first")
async def list_stories(
    lib: BackendDep,
    q: Annotated[str | None, Query(max_length=200, description="words to search")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> StoriesResponse:
    stories, total = await run_in_threadpool(lib.stories, q or None, limit, offset)
    return StoriesResponse(**StoryList.of(stories, total, limit, offset).to_dict())


@router.get(
    "/stories/{story_id}",
    summary="One story with its articles and duplicate groups",
    responses={404: {"description": "no story with that id"}},
)
async def get_story(story_id: str, lib: BackendDep) -> dict[str, Any]:
    story = await run_in_threadpool(lib.story, story_id)
    return story.to_dict()


@router.get(
    "/stories/{story_id}/facts",
    summary="One story's facts, numbers, lineage and outlets",
    responses={404: {"description": "no story with that id"}},
)
async def get_story_facts(story_id: str, lib: BackendDep) -> dict[str, Any]:
    """The same object as `storylens story ID --store news.db --format json`."""
    view = await run_in_threadpool(lib.story_view, story_id)
    return view.to_dict()
