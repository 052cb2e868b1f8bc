"""A second opinion on the links the light decision would make, from the same-event judgement.

The light score (:mod:`.decision`) sees topic, name keys and number keys; it cannot read that
one report dates its attack to January 13 and the other to March 14. The one same-event
judgement (:func:`storylens.score.judge.same_story`, the one ``compare`` and ``score`` show)
does, from an analysis of the headline and opening (entities, dates, editions, quantities).
Analysing costs a spaCy pass per article, so only pairs the light decision would link are
checked: a link whose facts say two happenings (dates a week apart, editions that disagree) is
vetoed, and any other is blended with P(same story), placed so that P = 0.5 sits on the
threshold.

Across languages, and within a language the sentence model does not read, the light score has
only a word-for-word gloss of each opening to go on: across languages it links mostly wrong pairs,
and within one it misses many a pair the judges call one story (README). There the scoring model
decides (:class:`ModelCheck`): it reads the two whole texts through the bridge (glosses, names in
ASCII, numbers, dates) and predicts SemEval's Overall, and a pair links when that is at most
:data:`CROSS_CUT` (two languages) or :data:`GLOSSED_CUT` (one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from storylens.analyze.opening import KEY_CHARS
from storylens.model import Article
from storylens.stories.decision import vector_cosine
from storylens.stories.features import StoryFeatures

if TYPE_CHECKING:
    from storylens.analyze.analyzer import Analyzer
    from storylens.analyze.document import Analysis
    from storylens.score.judge import Judge

#: score of a vetoed pair: as far apart as two articles outside the time window
VETO_SCORE = -1.0
#: weight of the judgement's P(same story) in a verified pair score
MODEL_WEIGHT = 0.5
#: new articles per batch beyond which links go unverified: a spaCy pass per article is what
#: the 100k-article runs cannot afford (there ``StoryGrouper(verify=False)`` says so outright)
MAX_VERIFIED_ROWS = 5_000
#: other-language articles (nearest by the glosses of the openings, and as many nearest by their
#: keys) each article's links across languages are checked with: each check reads two whole
#: texts with the scoring model
CROSS_NEIGHBORS = 3
#: same-language articles (nearest by the glosses of the openings) each article in a language
#: the sentence model does not read is checked with, besides its candidates by hashing
GLOSS_NEIGHBORS = 3
#: predicted Overall (1 = very similar … 4) at or under which two articles in two languages are
#: one story: the loosest cut at which the judged cross-language SemEval train pairs it links are
#: one story at precision >= 0.9, read on out-of-fold predictions (``bench/fit_model_cut.py``;
#: the scorer's in-sample answers on its own training pairs had put it at 2.2)
CROSS_CUT = 2.0
#: predicted Overall at or under which two articles in one language the sentence model does not
#: read are one story; chosen on SemEval train as clusters with the scorer's in-sample answers,
#: and the out-of-fold reads disagree on which way to move it (README, "Across languages")
GLOSSED_CUT = 2.2
#: predicted Overall at or under which two articles in one glossed language link when their keys
#: barely meet (cosine under :data:`KEY_FLOOR`). Within one language a name is spelt alike on
#: both sides, so two reports of one happening share their names and numbers: of such train
#: pairs the model puts over 1.6 and up to :data:`GLOSSED_CUT`, 40% are one story where the keys
#: do not meet and 73% where they do (``fit_model_cut.py --bands``). On SemEval train as
#: clusters it lifts the precision of the links within a glossed language by gold + blind labels
#: from 0.71 to 0.81 for recall 0.64 to 0.61 (``--keyless``). Across languages a gloss or a
#: transliteration can miss a name and the keys tell little (88% against 92%): there the cut
#: stays whole.
GLOSSED_KEYLESS_CUT = 1.6
#: pair-score points per point of Overall: a pair at the cut scores the threshold
CROSS_SLOPE = 0.5
#: gloss cosine of two openings under which a pair is not worth the scoring model's reading (it
#: scores as Overall 4): on SemEval train, 3 of the 386 candidate pairs across languages the
#: model puts at the cut or under fall below it. It spares an English feed with one German
#: article a full-text reading of every English article, and a glossed language the reading
#: of every pair its hashed candidates bring.
CROSS_FLOOR = 0.3
#: cosine of two openings' idf-weighted keys (names in ASCII, numbers: :func:`.crossing.key_set`)
#: at or over which a pair is read by the scoring model whatever its glosses' cosine: a gloss
#: loses the names, so many a pair the keys bring sits under :data:`CROSS_FLOOR`. The lowest
#: key cosine at which, on SemEval train, at least 1% of the pairs read reach the cut (1.5% at
#: 0.2-0.3, 0.3% at 0.1-0.2); its links hold precision 0.9 (``fit_model_cut.py --keys``)
KEY_FLOOR = 0.2


def opening(features: StoryFeatures, published: str | None) -> Article:
    """Headline and opening of a grouped article, rebuilt from what grouping keeps of it."""
    title = features.title.strip()
    text = " ".join((whole(features, published).text or "").split())
    if title and text.startswith(title):
        text = text[len(title) :].lstrip()
    return Article(title=title, text=text[:KEY_CHARS], id=features.id, published=published)


def whole(features: StoryFeatures, published: str | None) -> Article:
    """A grouped article's headline and whole text, rebuilt from what grouping keeps of it
    (``body`` is the title, a newline and the text: a title may hold newlines of its own)."""
    title, prefix = features.title, f"{features.title}\n"
    body = features.body
    text = body[len(prefix) :] if body.startswith(prefix) else body.partition("\n")[2]
    return Article(
        title=title, text=text, id=features.id, language=features.language, published=published
    )


#: whole-text analyses a grouper keeps between batches: a stream's batches meet the stored
#: articles of the stories they touch again, and each costs a full analysis
WHOLE_CACHED = 1_000


def whole_analyzer() -> Analyzer:
    """An analyzer of every step the scoring model reads (:class:`ModelCheck`), keeping the
    last :data:`WHOLE_CACHED` analyses."""
    from storylens.analyze.analyzer import Analyzer
    from storylens.analyze.cache import LRUCache

    return Analyzer(cache=LRUCache(WHOLE_CACHED))


def light_analyzer() -> Analyzer:
    """An analyzer of the light steps: what the same-event judgement reads of an opening."""
    from storylens.analyze.analyzer import Analyzer

    return Analyzer.light()


class Verifier:
    """Adjusts light pair scores with the same-event judgement; analyses and verdicts are cached.

    Pairs scored below ``threshold`` are not linked anyway, and pairs at ``ceiling`` or above
    are near-duplicate copies (one story whatever the model says); only those between are
    verified. ``rows(i)`` gives the features and publication date of grouping row ``i``;
    ``analyzer`` (the light steps are enough) analyses each opening once.
    """

    def __init__(
        self,
        threshold: float,
        ceiling: float,
        rows: Callable[[int], tuple[StoryFeatures, str | None]],
        analyzer: Analyzer,
    ) -> None:
        self.threshold = threshold
        self.ceiling = ceiling
        self.rows = rows
        self.analyzer = analyzer
        self.analyses: dict[int, Analysis] = {}
        self.verdicts: dict[tuple[int, int], tuple[float, bool]] = {}

    def prepare(self, scored: Iterable[tuple[int, int, float]]) -> None:
        """Judge many ``(row, row, light score)`` at once: one analysis per article, one batch."""
        from storylens.score.judge import same_story_many

        todo = sorted(
            {
                key
                for r, s, x in scored
                if self.threshold <= x < self.ceiling
                and (key := (min(r, s), max(r, s))) not in self.verdicts
            }
        )
        if not todo:
            return
        missing = sorted({r for pair in todo for r in pair} - set(self.analyses))
        if missing:
            articles = [opening(*self.rows(r)) for r in missing]
            self.analyses.update(zip(missing, self.analyzer.stream(articles), strict=True))
        verdicts = same_story_many([(self.analyses[r], self.analyses[s]) for r, s in todo])
        for pair, verdict in zip(todo, verdicts, strict=True):
            self.verdicts[pair] = (verdict.probability, verdict.conflict)

    def adjust(self, r: int, s: int, score: float) -> float:
        """The pair score average-link uses: light below the threshold, verified above it."""
        if not self.threshold <= score < self.ceiling:
            return score
        key = (min(r, s), max(r, s))
        if key not in self.verdicts:  # a pair met only after merges: judged on its own
            self.prepare([(r, s, score)])
        p, conflict = self.verdicts[key]
        if conflict:
            return VETO_SCORE
        return (1 - MODEL_WEIGHT) * score + MODEL_WEIGHT * 2 * self.threshold * p


class ModelCheck:
    """Scores pairs of grouping rows the light decision reads only through glosses by the
    scoring model's Overall on their whole texts; analyses and predictions are cached.

    ``rows(i)`` gives the features and publication date of grouping row ``i``; ``analyzer()``
    gives the analyzer of whole texts (asked for only when there is a pair to check: an English
    feed loads nothing), ``judge`` predicts (the process's shared one when None) and
    ``key_cosine(r, s)`` is the cosine of two rows' weighted keys (None: unknown).
    """

    def __init__(
        self,
        threshold: float,
        rows: Callable[[int], tuple[StoryFeatures, str | None]],
        analyzer: Callable[[], Analyzer],
        judge: Judge | None = None,
        key_cosine: Callable[[int, int], float | None] | None = None,
    ) -> None:
        self.threshold = threshold
        self.rows = rows
        self.analyzer = analyzer
        self.judge = judge
        self.key_cosine = key_cosine
        self.analyses: dict[int, Analysis] = {}
        self.overall: dict[tuple[int, int], float] = {}

    def prepare(self, pairs: Iterable[tuple[int, int]]) -> None:
        """Predict many pairs at once: one analysis per article, one batch of features."""
        from storylens.score.judge import Judge

        asked = {k for r, s in pairs if (k := (min(r, s), max(r, s))) not in self.overall}
        self.overall.update(dict.fromkeys([p for p in asked if self._unlike(*p)], 4.0))
        todo = sorted(p for p in asked if p not in self.overall)
        if not todo:
            return
        missing = sorted({r for pair in todo for r in pair} - set(self.analyses))
        if missing:
            articles = [whole(*self.rows(r)) for r in missing]
            self.analyses.update(zip(missing, self.analyzer().stream(articles), strict=True))
        judge = self.judge or Judge.shared()
        found = judge.overall_many([(self.analyses[r], self.analyses[s]) for r, s in todo])
        self.overall.update(zip(todo, (float(x) for x in found), strict=True))

    def score(self, r: int, s: int) -> float:
        """The pair score average-link uses: the threshold at the cut (:data:`CROSS_CUT` for
        two languages, :data:`GLOSSED_CUT` for one, :data:`GLOSSED_KEYLESS_CUT` for one where
        the keys do not meet), higher for a lower (more alike) Overall."""
        key = (min(r, s), max(r, s))
        if key not in self.overall:  # a pair met only after merges: judged on its own
            self.prepare([key])
        return self.threshold + CROSS_SLOPE * (self._cut(r, s) - self.overall[key])

    def _keys(self, r: int, s: int) -> float | None:
        return self.key_cosine(r, s) if self.key_cosine else None

    def _cut(self, r: int, s: int) -> float:
        if self.rows(r)[0].language != self.rows(s)[0].language:
            return CROSS_CUT
        keys = self._keys(r, s)
        keyless = keys is not None and keys < KEY_FLOOR
        return min(GLOSSED_KEYLESS_CUT, GLOSSED_CUT) if keyless else GLOSSED_CUT

    def _unlike(self, r: int, s: int) -> bool:
        """Whether a pair is not worth the model's reading: neither the glosses nor the keys
        of the two openings are near enough."""
        cosine = vector_cosine(self.rows(r)[0].cross_vector, self.rows(s)[0].cross_vector)
        if cosine is None:
            return True
        if cosine >= CROSS_FLOOR:
            return False
        keys = self._keys(r, s)
        return keys is None or keys < KEY_FLOOR
