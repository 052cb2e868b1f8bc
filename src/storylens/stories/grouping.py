"""Stories: articles grouped by the specific event they report, in one batch or as they arrive.

Pipeline per batch: light features (:mod:`.features`) → near-duplicate groups (:mod:`.dedup`) →
candidate neighbours in a time window (:mod:`.candidates`) → average-link clustering
(:mod:`.linkage`) of the candidate graph with the pair score of :mod:`.decision`.

Incremental runs start from the stories already made. A batch re-clusters, from their articles
up, the stories its new articles come near (up to :data:`MAX_REVISED_STORY` articles each; larger
ones take part whole), so a story that an early batch got wrong with too little evidence is put
right once the evidence arrives, and a stream ends where one batch run would. Ids follow the
articles: a story keeps its id as long as it keeps most of its articles, so an article keeps its
story id unless new evidence splits its story and it lands in the smaller part. When stories
merge, the oldest id survives; ids come from a counter that only goes up, so none is ever
reused. Ids look like ``s-000042`` (the 42nd story ever opened by this grouper or store).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from storylens.model import Article, Story, StoryMember
from storylens.stories import verify as link_check
from storylens.stories.candidates import CandidateIndex
from storylens.stories.crossing import CrossIndex, with_cross
from storylens.stories.decision import Decision
from storylens.stories.dedup import DuplicateIndex, sign_many
from storylens.stories.features import (
    EMBEDDINGS,
    GLOSS_OFFSET,
    Encoder,
    StoryFeatures,
    check_embedding,
    featurize,
    story_analyzer,
)
from storylens.stories.linkage import average_link, candidate_graph
from storylens.stories.pairs import PairScores, decided_whole
from storylens.stories.story import build_story, sort_stories, story_id, story_number
from storylens.stories.verify import light_analyzer, whole_analyzer

if TYPE_CHECKING:
    from storylens.analyze.analyzer import Analyzer

#: stories larger than this take part in a later batch whole instead of being re-clustered: by
#: then they are settled, and re-scoring them on every batch would cost time in their size
MAX_REVISED_STORY = 100


@dataclass
class Row:
    """An article as grouping remembers it."""

    features: StoryFeatures
    title: str
    outlet: str | None
    url: str | None
    published: str | None


class StoryGrouper:
    """scikit-learn-style estimator: ``fit(articles)`` for a batch, ``partial_fit`` for streams.

    ``embedding`` picks the sentence embedding (``"minilm"``, or ``"hashing"`` for corpora too big
    to encode); ``threshold`` defaults to the one fitted for it; ``encoder`` replaces the
    embedding's encoder (a test's stand-in). ``verify`` lets the scoring model check the links
    the light decision would make (accurate; about 0.14 s an analysed article, README), and
    decide on the whole texts two articles in one language the sentence model does not read
    (:class:`.verify.ModelCheck`). ``gloss_offset`` places two openings in such a language, met
    through their English glosses, on the model's scale (:class:`.decision.Decision`); None is
    the one fitted for MiniLM (``--fast`` reads such pairs by hashing). ``cross_lingual`` lets
    stories link articles in two languages: None (the default) where the scoring model checks
    links, which then decides each such link on the two whole texts; True also without the
    check, by the light gloss score (which links mostly wrong pairs); False never.
    """

    def __init__(
        self,
        threshold: float | None = None,
        name_weight: float = 0.3,
        number_weight: float = 0.3,
        window_days: int = 7,
        neighbors: int = 24,
        duplicate_threshold: float = 0.5,
        encoder: Encoder | None = None,
        verify: bool = True,
        embedding: str = "minilm",
        cross_lingual: bool | None = None,
        analyzer: Analyzer | None = None,
        gloss_offset: float | None = None,
    ) -> None:
        self.threshold = threshold
        self.name_weight = name_weight
        self.number_weight = number_weight
        self.window_days = window_days
        self.neighbors = neighbors
        self.duplicate_threshold = duplicate_threshold
        self.encoder = encoder
        self.verify = verify
        self.embedding = embedding
        self.cross_lingual = cross_lingual
        self.analyzer = analyzer
        self.gloss_offset = gloss_offset

    @classmethod
    def fast(cls, **params: Any) -> StoryGrouper:
        """The grouper of ``cluster --fast``: hashing embeddings, no model's check, no model
        loaded at all (for corpora of 100k articles and more)."""
        return cls(embedding="hashing", verify=False, **params)

    # -- learned state -------------------------------------------------------------------
    def _reset(self) -> None:
        self.rows_: list[Row] = []
        self.row_of_: dict[str, int] = {}
        self.labels_: list[str] = []
        self.duplicate_groups_: list[str] = []
        self.members_: dict[str, list[int]] = {}
        self.merged_: dict[str, str] = {}
        self.next_story_: int = 1
        self.duplicates_ = DuplicateIndex(self.duplicate_threshold)
        self.index_: CandidateIndex | None = None
        self.cross_index_ = CrossIndex(link_check.CROSS_NEIGHBORS, self.window_days)

    @property
    def decision(self) -> Decision:
        fitted = EMBEDDINGS[check_embedding(self.embedding)]
        threshold = fitted if self.threshold is None else self.threshold
        offset = fitted - EMBEDDINGS["hashing"]
        crossing = self.links_across(self.verify)
        params = (self.name_weight, self.number_weight, threshold, self.window_days, offset)
        glossed = getattr(self, "gloss_offset", None)  # pickles from before it lack it
        if glossed is None and self.embedding == "minilm":
            glossed = GLOSS_OFFSET
        return Decision(*params, cross_lingual=crossing, gloss_offset=glossed)

    def story_analyzer(self) -> Analyzer:
        """An analyzer of the story steps this grouper reads (:func:`.features.story_analyzer`),
        made afresh: it pickles (Spark ships it) unless ``encoder`` is a local function."""
        return story_analyzer(self.embedding, self.links_across(self.verify), self.encoder)

    def links_across(self, checked: bool) -> bool:
        """Whether links may cross languages in a batch whose links are ``checked`` (or not) by
        the scoring model."""
        crossing = getattr(self, "cross_lingual", False)  # pickles from before the bridge lack it
        return checked if crossing is None else crossing

    def checks_links(self, articles: int) -> bool:
        """Whether the scoring model checks the links of a batch of ``articles`` rows: a spaCy
        pass per article is what the 100k-article runs cannot afford."""
        # read from its module at each call, so the CLI, Spark and grouping see one limit
        return self.verify and articles <= link_check.MAX_VERIFIED_ROWS

    def link_analyzer(self, articles: int) -> Analyzer | None:
        """The light analyzer the link check of ``articles`` new articles reads with (made on
        first use and kept: its cache spares later batches the same analyses); None when
        their links go unchecked."""
        if not self.checks_links(articles):
            return None
        self.analyzer = self.analyzer or light_analyzer()
        return self.analyzer

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["encoder"] = None  # model handles do not travel; reloaded where needed
        state.pop("whole_", None)  # nor do whole-text analyses
        return state

    # -- public API ----------------------------------------------------------------------
    def fit(self, articles: Sequence[Article]) -> StoryGrouper:
        self._reset()
        return self.partial_fit(articles)

    def partial_fit(self, articles: Sequence[Article]) -> StoryGrouper:
        if not hasattr(self, "rows_"):
            self._reset()
        fresh = self._fresh(articles)
        features = featurize(fresh, self.story_analyzer()) if fresh else []
        return self.add_features(fresh, features)

    def _fresh(self, articles: Sequence[Article]) -> list[Article]:
        seen = set(self.row_of_) if hasattr(self, "row_of_") else set()
        fresh: dict[str, Article] = {}
        for article in articles:
            if article.id not in seen:
                fresh.setdefault(article.id, article)
        return list(fresh.values())

    def add_features(
        self, articles: Sequence[Article], features: Sequence[StoryFeatures]
    ) -> StoryGrouper:
        """Group articles whose features were computed elsewhere (a Spark worker, the store)."""
        if not hasattr(self, "rows_"):
            self._reset()
        pairs: list[tuple[Article, StoryFeatures]] = []
        seen = set(self.row_of_)
        for article, feats in zip(articles, features, strict=True):
            if article.id not in seen:  # an id seen before (or twice in a batch) counts once
                seen.add(article.id)
                pairs.append((article, feats))
        if not pairs:
            return self
        start = len(self.rows_)
        for article, feats in pairs:
            self.row_of_[article.id] = len(self.rows_)
            self.rows_.append(
                Row(feats, article.title or "", article.outlet, article.url, article.published)
            )
            self.labels_.append("")
        new_rows = list(range(start, len(self.rows_)))
        self.duplicate_groups_.extend(
            self.duplicates_.add_signatures(
                [f.id for _, f in pairs], _signatures([f for _, f in pairs])
            )
        )
        if self.index_ is None:
            dim = len(pairs[0][1].embedding)
            self.index_ = CandidateIndex(dim, self.neighbors, self.window_days)
        self.index_.add(np.stack([f.embedding for _, f in pairs]), [f.days for _, f in pairs])
        self.cross_index_.add(start, [f for _, f in pairs])
        self._cluster(new_rows)
        return self

    def restore(
        self,
        articles: Sequence[Article],
        features: Sequence[StoryFeatures],
        labels: Sequence[str],
        next_story: int,
        merged: dict[str, str] | None = None,
    ) -> StoryGrouper:
        """Take up grouping where a stored run left it (articles in the order they were added)."""
        rows = [
            Row(feats, article.title or "", article.outlet, article.url, article.published)
            for article, feats in zip(articles, features, strict=True)
        ]
        return self.rebuild(rows, labels, next_story, merged)

    def rebuild(
        self,
        rows: Sequence[Row],
        labels: Sequence[str],
        next_story: int,
        merged: dict[str, str] | None = None,
    ) -> StoryGrouper:
        """The state of :meth:`restore` from remembered rows (also how a failed batch is undone)."""
        self._reset()
        for row, label in zip(rows, labels, strict=True):
            self.row_of_[row.features.id] = len(self.rows_)
            self.members_.setdefault(label, []).append(len(self.rows_))
            self.rows_.append(row)
            self.labels_.append(label)
        self.next_story_ = next_story
        merged = merged or {}
        self.merged_ = {}
        for old, into in merged.items():
            # stores written before chains were flattened may hold s3 -> s2 -> s1
            seen = {old}
            while into in merged and into not in seen:
                seen.add(into)
                into = merged[into]
            self.merged_[old] = into
        features = [row.features for row in rows]
        if features:
            # same texts in the same order: union-find rebuilds the very same groups
            self.duplicate_groups_ = self.duplicates_.add_signatures(
                [f.id for f in features], _signatures(features)
            )
            self.index_ = CandidateIndex(
                len(features[0].embedding), self.neighbors, self.window_days
            )
            self.index_.add(np.stack([f.embedding for f in features]), [f.days for f in features])
            self.cross_index_.add(0, features)
        return self

    # -- clustering ----------------------------------------------------------------------
    def _row(self, row: int) -> tuple[StoryFeatures, str | None]:
        return self.rows_[row].features, self.rows_[row].published

    def _copies(self, r: int, s: int) -> bool:
        return self.duplicate_groups_[r] == self.duplicate_groups_[s]

    def _scores(
        self, decision: Decision, checking: Analyzer | None = None, abstain: bool = False
    ) -> PairScores:
        crossing = getattr(self, "cross_index_", None)
        keys = crossing.key_cosine if crossing is not None else None
        return PairScores(decision, self._row, self._copies, checking, abstain, self._whole, keys)

    def _whole_story(self, members: list[int], across: bool, glossed: bool) -> bool:
        return decided_whole([self.rows_[m].features for m in members], across, glossed)

    def _whole(self) -> Analyzer:
        # kept, like the light analyzer: a stream's batches meet the stored articles again
        self.whole_: Analyzer = getattr(self, "whole_", None) or whole_analyzer()
        return self.whole_

    def _oldest_copy(self, row: int) -> int:
        return self.row_of_[self.duplicate_groups_[row][2:]]

    def _loosened(
        self, decision: Decision, new_rows: list[int], near: list[list[int]]
    ) -> list[int]:
        """Rows of the stored stories that some new row could join (a light score at the
        threshold or above): they are re-clustered with the new rows."""
        touched: set[str] = set()
        # within a language: the light score across languages is no guide (the check decides
        # such links, and a stored story enters whole where none loosens it)
        light = self._scores(replace(decision, cross_lingual=False)).light
        for row, others in zip(new_rows, near, strict=True):
            touched.update(
                self.labels_[o]
                for o in [*others, self._oldest_copy(row)]
                if self.labels_[o] and light(row, o) >= decision.threshold
            )
        return [
            r
            for sid in sorted(touched, key=story_number)
            if len(self.members_[sid]) <= MAX_REVISED_STORY
            for r in self.members_[sid]
        ]

    def _cluster(self, new_rows: list[int]) -> None:
        assert self.index_ is not None
        decision = self.decision
        neighbours = self.index_.query(new_rows)
        loose_old = self._loosened(decision, new_rows, neighbours)
        if self.verify and not self.checks_links(len(new_rows) + len(loose_old)):
            # re-clustering stored stories unchecked could undo the model's vetoes, and
            # checking them all costs too much: they take part whole instead
            loose_old = []
        # a batch that cannot check leaves whole the stories that hold pairs the model decided:
        # re-clustered from their articles up by the light score, they could be split
        checked = self.checks_links(len(new_rows) + len(loose_old))
        abstain = self.links_across(True) and not self.links_across(checked)
        glossed = not checked and decision.gloss_offset is not None
        if abstain or glossed:
            stories = {self.labels_[r]: self.members_[self.labels_[r]] for r in loose_old}
            kept = {s for s, m in stories.items() if self._whole_story(m, abstain, glossed)}
            loose_old = [r for r in loose_old if self.labels_[r] not in kept]
        rows = new_rows + loose_old
        neighbours += self.index_.query(loose_old)
        # the link check's light analyses are cached across batches by the grouper's analyzer
        checking = self.link_analyzer(len(rows))
        decision = replace(decision, cross_lingual=self.links_across(checking is not None))
        # pairs the model decides may come from the gloss space, within a language too
        glossing = checking is not None and decision.gloss_offset is not None
        same = link_check.GLOSS_NEIGHBORS if glossing else 0
        crossing = getattr(self, "cross_index_", None)
        neighbours = with_cross(neighbours, rows, crossing, decision.cross_lingual, same)
        # one edge to the group's oldest copy connects a copy group; linking every pair would
        # be quadratic in the size of a big group (boilerplate pages)
        near = [[*n, self._oldest_copy(r)] for r, n in zip(rows, neighbours, strict=True)]
        units, adjacency, edges = candidate_graph(
            rows, near, self.labels_.__getitem__, self.members_.__getitem__
        )
        scores = self._scores(decision, checking, abstain)
        scores.prepare(edges)
        self._name(average_link(units, adjacency, scores, decision.threshold))

    def _name(self, clusters: list[list[int]]) -> None:
        """Give each cluster its story id. A stored id stays with the cluster that holds most of
        its articles (the earlier cluster on a tie); a cluster holding several keeps the oldest
        and records the others as merged into it; a cluster holding none opens a fresh id."""
        holder: dict[str, tuple[int, int]] = {}  # old id -> (articles held, cluster)
        for index, rows in enumerate(clusters):
            counts = Counter(self.labels_[r] for r in rows if self.labels_[r])
            for sid, n in counts.items():
                if sid not in holder or n > holder[sid][0]:
                    holder[sid] = (n, index)
        kept: dict[int, list[str]] = {}
        for sid, (_, index) in holder.items():
            kept.setdefault(index, []).append(sid)
        for sid in holder:
            self.members_.pop(sid, None)
        for index, rows in enumerate(clusters):
            old = sorted(kept.get(index, []), key=story_number)
            if old:
                sid = old[0]
                for gone in old[1:]:
                    self._merge(gone, sid)
            else:
                sid = story_id(self.next_story_)
                self.next_story_ += 1
            for r in rows:
                self.labels_[r] = sid
            self.members_[sid] = rows

    def _merge(self, gone: str, survivor: str) -> None:
        # ids merged into ``gone`` before now lead straight to the survivor too
        for old, into in self.merged_.items():
            if into == gone:
                self.merged_[old] = survivor
        self.merged_[gone] = survivor

    # -- views ---------------------------------------------------------------------------
    @property
    def stories_(self) -> list[Story]:
        """Every story, largest first, then newest."""
        stories = [self.story(sid) for sid in self.members_]
        return sort_stories([s for s in stories if s is not None])

    def story(self, sid: str) -> Story | None:
        rows = self.members_.get(self.merged_.get(sid, sid))
        if not rows:
            return None
        members = [
            StoryMember(
                id=self.rows_[r].features.id,
                title=self.rows_[r].title,
                outlet=self.rows_[r].outlet,
                url=self.rows_[r].url,
                published=self.rows_[r].published,
                duplicate_group=self.duplicate_groups_[r],
            )
            for r in rows
        ]
        vectors = np.stack([self.rows_[r].features.embedding for r in rows])
        return build_story(self.labels_[rows[0]], members, vectors)

    def assignments(self) -> list[dict[str, Any]]:
        """One record per article: ``{id, story, duplicate_group, outlet, title, published}``."""
        return [
            {
                "id": row.features.id,
                "story": self.labels_[i],
                "duplicate_group": self.duplicate_groups_[i],
                "outlet": row.outlet,
                "title": row.title,
                "published": row.published,
            }
            for i, row in enumerate(self.rows_)
        ]


def _signatures(features: Sequence[StoryFeatures]) -> list[np.ndarray]:
    """Each article's MinHash: the one its features carry, or made from its body (features read
    back from a store carry none)."""
    # one batch: signing store-loaded features one by one cost a numpy pass per article
    signed = iter(sign_many([f.body for f in features if f.signature is None]))
    return [f.signature if f.signature is not None else next(signed) for f in features]


def group_stories(articles: Sequence[Article], **params: Any) -> list[dict[str, Any]]:
    """Function twin of :class:`StoryGrouper`: one assignment record per article."""
    return StoryGrouper(**params).fit(articles).assignments()
