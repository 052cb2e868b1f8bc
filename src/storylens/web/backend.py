"""The web app's view of the library: one store path, an analyzer and a judge, and locks.

Every method is blocking and meant to run in a worker thread (the routes use
``run_in_threadpool``). A store is opened per call because a SQLite connection belongs to the
thread that opened it; writes are serialized because the store's clustering state is not safe
to share between threads. Model calls are not serialized here: the analysis stage takes turns at
the models a slice at a time, smallest job first (``Models.turn``), so a long compare never holds
them for its whole length and short ones go ahead of it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storylens.model import Article, Story

if TYPE_CHECKING:
    from storylens.analyze.models import Models
    from storylens.score.judge import Judge


class NotFound(LookupError):
    """An id the store does not hold; the routes turn it into a 404."""


class Backend:
    """Reads, writes and compares over the story store at ``store_path``, with ``models`` (the
    process's shared ones when None)."""

    def __init__(self, store_path: str | Path, models: Models | None = None) -> None:
        self.store_path = Path(store_path)
        self._write_lock = threading.Lock()
        from storylens.stories.kept import KeptGrouper

        # a store is opened per call, so the grouper of the last write is kept here: the next
        # write to an unchanged store then skips loading it (seconds for 100k articles)
        self._kept = KeptGrouper()
        # one analyzer for the app's life: an article compared or viewed again is not analysed
        # again (its cache is bounded and its own, not a module global)
        from storylens.analyze.analyzer import Analyzer

        self.analyzer = Analyzer(models=models)
        self._judge: Judge | None = None
        self._judge_lock = threading.Lock()

    @property
    def judge(self) -> Judge:
        """One judge for the app's life: a cross-lingual pair compared again finds its glosses'
        vectors held, not encoded again. Made at the first compare, not at start, so that
        scikit-learn loads after spaCy and onnxruntime, as it did (see storylens.compare)."""
        with self._judge_lock:
            if self._judge is None:
                from storylens.score.judge import Judge

                self._judge = Judge(models=self.analyzer.models)
            return self._judge

    def _store(self) -> Any:
        from storylens.stories.store import StoryStore

        return StoryStore(self.store_path, kept=self._kept)

    def _lend_models(self, grouper: Any) -> None:
        """The models this backend holds embed MiniLM openings and analyse what the link check
        reads; a store built with `--fast` keeps hashing its openings."""
        from storylens.analyze.analyzer import Analyzer

        if grouper.embedding == "minilm":
            grouper.encoder = self.analyzer.models.encode
        if grouper.analyzer is None:
            grouper.analyzer = Analyzer.light(models=self.analyzer.models)

    # reads -------------------------------------------------------------------------------------

    def stories(self, q: str | None, limit: int, offset: int) -> tuple[list[Story], int]:
        with self._store() as store:
            return store.stories(q=q, limit=limit, offset=offset), store.count_stories(q=q)

    def story(self, story_id: str) -> Story:
        with self._store() as store:
            story = store.story(story_id)
        if story is None:
            raise NotFound(f"no story with id {story_id!r}")
        return story

    def story_page(self, story_id: str) -> tuple[Story, list[dict[str, Any]]]:
        with self._store() as store:
            story = store.story(story_id)
            if story is None:
                raise NotFound(f"no story with id {story_id!r}")
            return story, store.coverage(story_id)

    def story_view(self, story_id: str) -> Any:
        """The story's facts, numbers and lineage (a StoryView); analysing needs the models."""
        from storylens.storyview.stored import stored_story_view

        with self._store() as store:
            view = stored_story_view(store, story_id, self.analyzer)
        if view is None:
            raise NotFound(f"no story with id {story_id!r}")
        return view

    def outlet_counts(self) -> dict[str, int]:
        with self._store() as store:
            return store.outlet_counts()

    def article(self, article_id: str) -> Article:
        with self._store() as store:
            article = store.article(article_id)
        if article is None:
            raise NotFound(f"no article with id {article_id!r}")
        return article

    # writes and models ---------------------------------------------------------------------------

    def add(self, articles: list[Article]) -> tuple[dict[str, str], dict[str, str], list[Any]]:
        """Story id per article id; what the store did with each ("added", "updated" or
        "unchanged", decided inside its write transaction); and the articles it could not
        analyse or group, each a ``Failed`` with the reason."""
        with self._write_lock, self._store() as store:
            self._lend_models(store.grouper)
            placed = store.add(articles)
            return placed, dict(store.status), list(store.failed)

    def compare(self, a: Article, b: Article) -> Any:
        from storylens.compare import analyses_of, compare

        # analysed before the judge is made: scikit-learn loaded ahead of spaCy and onnxruntime
        # slows their kernels (see compare)
        aa, ab = analyses_of([a, b], self.analyzer)
        return compare(aa, ab, judge=self.judge)

    def compare_ids(self, a_id: str, b_id: str) -> Any:
        return self.compare(self.article(a_id), self.article(b_id))

    # turning input into articles and comparisons into HTML ----------------------------------------

    def parse(self, text: str, **meta: str | None) -> Article:
        """An Article from pasted text and optional title/outlet/published, as `read` makes it."""
        from storylens.read import parse_text
        from storylens.read.interstitial import an_article

        if not text.strip():
            raise ValueError("the text is empty")
        article = parse_text(text, **{k: v for k, v in meta.items() if v})
        if not article.text.strip():
            raise ValueError("no article text found in it")
        return an_article(article)

    def from_record(self, record: dict[str, Any]) -> Article:
        """An Article from an API record; ValueError names what is wrong with it."""
        from storylens.read import article_from_record

        return article_from_record(record)

    def report_html(self, comparison: Any) -> str:
        """The side-by-side view of the HTML report; it escapes all article text itself."""
        from storylens.render.html import comparison_section

        return comparison_section(comparison)

    def report_css(self) -> str:
        from storylens.render.html import REPORT_CSS

        return REPORT_CSS
