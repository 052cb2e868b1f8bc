"""Links across languages, decided by the scoring model on the two whole texts."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import numpy as np
import pytest

from storylens.analyze.glossary import glossary
from storylens.model import Article
from storylens.stories.grouping import StoryGrouper
from storylens.stories.verify import CROSS_CUT, CROSS_SLOPE, GLOSS_NEIGHBORS, ModelCheck

Encoder = Callable[[list[str]], np.ndarray]

STRIKE_EN = Article(
    title="German train drivers strike halts long-distance rail services nationwide",
    text="Deutsche Bahn cancelled almost all of its long-distance trains on Wednesday after the "
    "GDL train drivers' union called its members out on a 24-hour strike over pay and working "
    "hours. The union's leader, Claus Weselsky, said in Frankfurt that the strike was a response "
    "to the company's refusal to cut the working week to 35 hours. Commuters in Berlin, Munich "
    "and Hamburg faced crowded regional trains, and the rail operator said it expected services "
    "to return to normal on Thursday morning.",
    id="en-strike", language="en", published="2024-01-10",
)  # fmt: skip
STRIKE_DE = Article(
    title="Lokführer streiken: Deutsche Bahn stellt Fernverkehr bundesweit ein",
    text="Die Deutsche Bahn hat am Mittwoch fast alle Fernzüge gestrichen, nachdem die "
    "Lokführergewerkschaft GDL ihre Mitglieder zu einem 24-stündigen Streik um Lohn und "
    "Arbeitszeit aufgerufen hatte. Gewerkschaftschef Claus Weselsky sagte in Frankfurt, der "
    "Streik sei die Antwort auf die Weigerung des Unternehmens, die Wochenarbeitszeit auf 35 "
    "Stunden zu senken. Pendler in Berlin, München und Hamburg mussten mit vollen Regionalzügen "
    "rechnen; die Bahn erwartet, dass der Verkehr am Donnerstagmorgen wieder normal läuft.",
    id="de-strike", language="de", published="2024-01-10",
)  # fmt: skip
STRIKE_FOLLOW_UP = Article(
    title="Train drivers' strike: Deutsche Bahn cancels long-distance trains",
    text="Almost all long-distance trains of Deutsche Bahn were cancelled on Wednesday as the "
    "GDL union's 24-hour strike over pay and a 35-hour working week went ahead. Union leader "
    "Claus Weselsky told reporters in Frankfurt that the company had left drivers no choice; "
    "regional trains in Berlin, Munich and Hamburg were crowded with commuters.",
    id="en-strike-2", language="en", published="2024-01-10",
)  # fmt: skip
FLOOD_EN = Article(
    title="Floods force thousands from their homes in Bavaria",
    text="Days of heavy rain sent several rivers in Bavaria over their banks on Wednesday, and "
    "thousands of people were taken to safety as fire brigades worked through the night. The "
    "state premier, Markus Söder, visited the town of Passau and promised emergency aid for "
    "households whose homes were flooded. Meteorologists expect more rain on Thursday.",
    id="en-flood", language="en", published="2024-01-10",
)  # fmt: skip
STRIKE_DE_2 = Article(
    title="Bahnstreik der GDL: Kaum ein Fernzug fährt",
    text="Wegen des Ausstands der Gewerkschaft Deutscher Lokomotivführer fuhr am Mittwoch kaum ein "
    "ICE oder Intercity. Die GDL will mit dem 24-Stunden-Streik mehr Geld und die 35-Stunden-Woche "
    "durchsetzen, sagte ihr Vorsitzender Claus Weselsky. Reisende wichen auf Regionalbahnen aus.",
    id="de-strike-2", language="de", published="2024-01-10",
)  # fmt: skip
FLOOD_DE = Article(
    title="Hochwasser in Bayern: Tausende verlassen ihre Häuser",
    text="Nach tagelangem Regen traten am Mittwoch mehrere Flüsse in Bayern über die Ufer. "
    "Tausende Menschen wurden in Sicherheit gebracht, die Feuerwehr war die ganze Nacht im "
    "Einsatz. Ministerpräsident Markus Söder besuchte Passau und versprach Soforthilfe.",
    id="de-flood", language="de", published="2024-01-10",
)  # fmt: skip


needs_german = pytest.mark.skipif(
    glossary("de") is None, reason="dict-freedict-deu-eng is not installed (make system-deps)"
)


@needs_german
def test_the_scoring_model_links_one_report_across_two_languages() -> None:
    articles = [STRIKE_EN, STRIKE_DE, FLOOD_EN]
    grouper = StoryGrouper().fit(articles)
    labels = dict(zip([a.id for a in articles], grouper.labels_, strict=True))
    assert labels["en-strike"] == labels["de-strike"] != labels["en-flood"]
    # without the check (--light) links stay within a language, as they do when switched off
    for unchecked in (StoryGrouper(verify=False), StoryGrouper(cross_lingual=False)):
        assert len(set(unchecked.fit(articles).labels_)) == 3


@needs_german
@pytest.mark.parametrize("unchecked", ["light", "over the limit"])
def test_a_batch_that_cannot_check_keeps_a_story_across_languages_whole(
    unchecked: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    grouper = StoryGrouper().fit([STRIKE_EN, STRIKE_DE])
    story = grouper.labels_[0]
    assert grouper.labels_ == [story, story]
    if unchecked == "light":  # the store's next run is `cluster --light`
        grouper = pickle.loads(pickle.dumps(grouper))
        grouper.verify = False
    else:
        monkeypatch.setattr("storylens.stories.verify.MAX_VERIFIED_ROWS", 0)
    grouper.partial_fit([STRIKE_FOLLOW_UP])
    # the German report is not split off, and the English follow-up still joins the story
    assert grouper.labels_ == [story] * 3


class _Analyzer:
    """Stands in for the whole-text analyzer: an article's analysis is the article itself."""

    def __init__(self) -> None:
        self.analysed: list[str] = []

    def stream(self, articles: Sequence[Article]) -> list[Article]:
        self.analysed += [a.id for a in articles]
        return list(articles)


class _Judge:
    def __init__(self, overall: dict[tuple[str, str], float]) -> None:
        self.overall = overall
        self.asked: list[tuple[str, str]] = []

    def overall_many(self, pairs: Sequence[tuple[Any, Any]]) -> np.ndarray:
        keys = [(a.id, b.id) for a, b in pairs]
        self.asked += keys
        return np.array([self.overall[k] for k in keys])


def test_the_cross_check_puts_the_cut_on_the_threshold_and_judges_each_pair_once() -> None:
    from storylens.stories.features import StoryFeatures

    ids = ["en", "de", "fr", "far"]
    vectors = [[1.0, 0.0], [0.8, 0.6], [0.6, 0.8], [0.0, 1.0]]  # "far" is unlike "en"
    rows = [
        (
            StoryFeatures(id=i, embedding=np.zeros(2, "float32"), body=f"{i} title\n{i} text",
                          language=i[:2], bridge=np.array(v, "float32")),
            None,
        )
        for i, v in zip(ids, vectors, strict=True)
    ]  # fmt: skip
    analyzer = _Analyzer()
    made: list[int] = []

    def make() -> _Analyzer:
        made.append(1)
        return analyzer

    judge = _Judge({("en", "de"): CROSS_CUT, ("en", "fr"): 1.0, ("de", "fr"): 4.0})
    check = ModelCheck(0.62, rows.__getitem__, make, judge)  # type: ignore[arg-type]
    check.prepare([])
    assert not made  # nothing to check: no analyzer asked for, no model loaded
    check.prepare([(1, 0), (0, 1), (0, 2), (0, 3)])
    assert check.score(0, 1) == check.score(1, 0) == pytest.approx(0.62)
    assert check.score(2, 0) == pytest.approx(0.62 + CROSS_SLOPE * (CROSS_CUT - 1.0))
    assert check.score(1, 2) < 0.62  # met only after a merge: judged then, on its own
    # gloss cosine 0.0, under CROSS_FLOOR: not read, scored as very dissimilar
    assert check.score(0, 3) == pytest.approx(0.62 + CROSS_SLOPE * (CROSS_CUT - 4.0))
    assert judge.asked == [("en", "de"), ("en", "fr"), ("de", "fr")]
    assert sorted(analyzer.analysed) == ["de", "en", "fr"]  # each whole text once, "far" never


def test_the_model_check_cuts_one_language_at_its_own_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    from storylens.stories.features import StoryFeatures

    monkeypatch.setattr("storylens.stories.verify.GLOSSED_CUT", CROSS_CUT - 0.3)

    rows = [
        (
            StoryFeatures(id=i, embedding=np.zeros(2, "float32"), body=f"{i} title\n{i} text",
                          language="de", bridge=np.array([1.0, 0.0], "float32")),
            None,
        )
        for i in ("de-1", "de-2")
    ]  # fmt: skip
    judge = _Judge({("de-1", "de-2"): 1.5})
    check = ModelCheck(0.62, rows.__getitem__, _Analyzer, judge)  # type: ignore[arg-type]
    assert check.score(0, 1) == pytest.approx(0.62 + CROSS_SLOPE * (CROSS_CUT - 0.3 - 1.5))


def test_one_glossed_language_cuts_tighter_where_the_names_do_not_meet() -> None:
    from storylens.stories.features import StoryFeatures
    from storylens.stories.verify import GLOSSED_CUT, GLOSSED_KEYLESS_CUT, KEY_FLOOR

    def row(i: str, language: str) -> tuple[StoryFeatures, None]:
        bridge = np.array([1.0, 0.0], "float32")
        features = StoryFeatures(
            id=i, embedding=np.zeros(2, "float32"), body=i, language=language, bridge=bridge
        )
        return features, None

    rows = [row("de-1", "de"), row("de-2", "de"), row("de-3", "de"), row("en", "en")]
    keys = {(0, 1): KEY_FLOOR, (0, 2): KEY_FLOOR - 0.01, (0, 3): 0.0}
    overall = (GLOSSED_KEYLESS_CUT + GLOSSED_CUT) / 2  # one story only when the names meet
    judge = _Judge({("de-1", "de-2"): overall, ("de-1", "de-3"): overall, ("de-1", "en"): 1.5})
    check = ModelCheck(0.62, rows.__getitem__, _Analyzer, judge,  # type: ignore[arg-type]
                       key_cosine=lambda r, s: keys.get((min(r, s), max(r, s))))  # fmt: skip
    check.prepare([(0, 1), (0, 2), (0, 3)])
    assert check.score(0, 1) > 0.62 > check.score(0, 2)
    # across languages a transliteration can miss a name: the keys do not move the cut there
    assert check.score(0, 3) == pytest.approx(0.62 + CROSS_SLOPE * (CROSS_CUT - 1.5))
    unknown = ModelCheck(0.62, rows.__getitem__, _Analyzer, judge)  # type: ignore[arg-type]
    assert unknown.score(0, 2) > 0.62  # keys unknown (an index pickled before them)


@needs_german
def test_one_language_the_model_does_not_read_is_decided_by_the_scoring_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    analyzer = _Analyzer()
    judge = _Judge({("de-strike", "de-strike-2"): 1.0, ("de-strike", "de-flood"): 4.0,
                    ("de-strike-2", "de-flood"): 4.0})  # fmt: skip
    monkeypatch.setattr("storylens.stories.grouping.whole_analyzer", lambda: analyzer)
    monkeypatch.setattr("storylens.stories.pairs.ModelCheck", partial(ModelCheck, judge=judge))
    articles = [STRIKE_DE, STRIKE_DE_2, FLOOD_DE, STRIKE_EN, STRIKE_FOLLOW_UP]
    labels = StoryGrouper(cross_lingual=False).fit(articles).labels_
    assert labels[0] == labels[1] != labels[2]
    assert labels[3] == labels[4] != labels[0]  # English stays with the light decision
    assert set(analyzer.analysed) <= {"de-strike", "de-strike-2", "de-flood"}
    assert ("de-strike", "de-strike-2") in {tuple(sorted(k)) for k in judge.asked}
    # the judge's word is final: the same pair called very dissimilar stays apart
    judge.overall[("de-strike", "de-strike-2")] = 4.0
    judge.asked.clear()
    labels = StoryGrouper(cross_lingual=False).fit(articles).labels_
    assert len({labels[0], labels[1], labels[2]}) == 3


@needs_german
def test_a_light_batch_keeps_whole_a_story_the_model_joined_within_a_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the judge joins two German reports the light gloss score keeps far apart (their glosses
    # meet under the floor, lowered so that the judge is asked)
    monkeypatch.setattr("storylens.stories.verify.CROSS_FLOOR", 0.0)
    judge = _Judge({("de-strike", "de-flood"): 1.0})
    monkeypatch.setattr("storylens.stories.grouping.whole_analyzer", _Analyzer)
    monkeypatch.setattr("storylens.stories.pairs.ModelCheck", partial(ModelCheck, judge=judge))
    grouper = StoryGrouper(cross_lingual=False).fit([STRIKE_DE, FLOOD_DE])
    story = grouper.labels_[0]
    assert grouper.labels_ == [story, story]
    grouper.verify = False  # the store's next run is `cluster --light`
    copy = Article(title=STRIKE_DE.title, text=STRIKE_DE.text, id="de-strike-copy",
                   language="de", published=STRIKE_DE.published)  # fmt: skip
    grouper.partial_fit([copy])  # its copy loosens the story; light scores would split it
    assert grouper.labels_ == [story] * 3


@needs_german
def test_gloss_neighbours_are_candidates_only_where_links_are_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import storylens.stories.grouping as grouping

    asked: list[int] = []

    def recording(*args: Any) -> list[list[int]]:
        asked.append(args[-1])
        return grouping_with_cross(*args)

    grouping_with_cross = grouping.with_cross
    monkeypatch.setattr(grouping, "with_cross", recording)
    monkeypatch.setattr("storylens.stories.grouping.whole_analyzer", _Analyzer)
    judge = _Judge({("de-strike", "de-strike-2"): 1.0})
    monkeypatch.setattr("storylens.stories.pairs.ModelCheck", partial(ModelCheck, judge=judge))
    StoryGrouper(cross_lingual=False).fit([STRIKE_DE, STRIKE_DE_2])
    StoryGrouper(verify=False).fit([STRIKE_DE, STRIKE_DE_2])
    StoryGrouper.fast().fit([STRIKE_DE, STRIKE_DE_2])
    assert asked == [GLOSS_NEIGHBORS, 0, 0]


def test_glossed_pairs_meet_only_inside_the_time_window() -> None:
    from storylens.stories.decision import Decision
    from storylens.stories.features import StoryFeatures

    def row(language: str, day: int) -> StoryFeatures:
        vector = np.array([1.0, 0.0], "float32")
        return StoryFeatures(id=f"{language}{day}", embedding=vector, language=language,
                             bridge=vector, days=(day, day))  # fmt: skip

    decision = Decision(gloss_offset=-0.05)
    assert decision.glossed(row("pl", 100), row("pl", 103))
    assert not decision.glossed(row("pl", 100), row("pl", 110))
    assert not decision.glossed(row("en", 100), row("en", 101))  # the sentence model reads it
    assert not decision.glossed(row("pl", 100), row("de", 100))  # across, not within
    assert not Decision().glossed(row("pl", 100), row("pl", 101))  # --fast: hashed, no gloss


def test_the_whole_text_analyzer_is_kept_between_batches_but_not_pickled() -> None:
    grouper = StoryGrouper()
    analyzer = grouper._whole()
    assert grouper._whole() is analyzer  # a stream's batches share its cache
    assert "whole_" not in pickle.loads(pickle.dumps(grouper)).__dict__


def test_a_feed_in_one_language_does_no_cross_language_work(
    fake_encoder: Encoder,
    two_events: tuple[list[Article], list[Article]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_whole_texts() -> None:
        raise AssertionError("a feed in one language read whole texts")

    monkeypatch.setattr("storylens.stories.grouping.whole_analyzer", no_whole_texts)
    articles = [a for event in two_events for a in event]
    grouper = StoryGrouper(encoder=fake_encoder).fit(articles)
    assert len(set(grouper.labels_)) == 2
    assert grouper.cross_index_.query(list(range(len(articles)))) == [[]] * len(articles)


def test_other_language_candidates_come_from_the_time_window() -> None:
    from storylens.stories.crossing import CrossIndex
    from storylens.stories.features import StoryFeatures

    def row(i: str, language: str, day: int | None) -> StoryFeatures:
        days = (day, day) if day is not None else None
        vector = np.array([1.0, 0.1 * len(i)], "float32")
        return StoryFeatures(id=i, embedding=vector / np.linalg.norm(vector), language=language,
                             bridge=vector / np.linalg.norm(vector), days=days)  # fmt: skip

    index = CrossIndex(neighbors=3, window_days=7)
    index.add(0, [row("en", "en", 100), row("de", "de", 103), row("de-old", "de", 10),
                  row("fr-undated", "fr", None)])  # fmt: skip
    assert sorted(index.query([0])[0]) == [1, 3]


def test_a_glossed_article_also_finds_its_own_language_by_gloss() -> None:
    from storylens.stories.crossing import CrossIndex
    from storylens.stories.features import StoryFeatures

    def row(i: str, language: str, angle: float) -> StoryFeatures:
        vector = np.array([np.cos(angle), np.sin(angle)], "float32")
        return StoryFeatures(id=i, embedding=vector, language=language, bridge=vector)

    index = CrossIndex(neighbors=1, window_days=7)
    index.add(0, [row("pl-a", "pl", 0.0), row("pl-b", "pl", 0.1), row("pl-c", "pl", 1.5),
                  row("en", "en", 0.05), row("en-2", "en", 0.06)])  # fmt: skip
    assert index.query([0], same=0) == [[3]]
    # nearest other language first, then its own language by gloss, never itself
    assert index.query([0], same=2) == [[3, 1, 2]]
    assert index.query([0], across=False, same=1) == [[1]]
    # English is read by the sentence model: its own-language candidates come from the index
    assert index.query([3], across=False, same=2) == [[]]


def test_names_and_numbers_bring_the_other_language_report_its_gloss_misses() -> None:
    from storylens.stories.crossing import CrossIndex
    from storylens.stories.features import StoryFeatures

    def row(
        i: str, language: str, angle: float, names: set[str], numbers: set[str]
    ) -> StoryFeatures:
        vector = np.array([np.cos(angle), np.sin(angle)], "float32")
        return StoryFeatures(id=i, embedding=vector, language=language, bridge=vector,
                             names=frozenset(names), numbers=frozenset(numbers))  # fmt: skip

    index = CrossIndex(neighbors=1, window_days=7)
    index.add(0, [
        # a Spanish report whose gloss lost its names, and the English one of the same event
        row("es", "es", 1.2, {"Sebastián Piñera", "Santiago"}, {"34"}),
        row("en", "en", 0.0, {"sebastian pinera", "santiago", "chile"}, {"34"}),
        # a nearer gloss with other names, and names no one else holds
        row("en-other", "en", 1.1, {"Biden", "Chile"}, {"12"}),
        row("en-more", "en", 0.1, {"Biden", "Lula"}, set()),
        row("de", "de", 0.2, {"Lula"}, {"12"}),
    ])  # fmt: skip
    assert index.query([0]) == [[2, 1]]  # nearest by gloss, then nearest by keys
    assert index.key_cosine(0, 1) > 0.5
    assert index.key_cosine(0, 3) == 0.0
    # a row in the index's only language has no other-language candidates by keys either
    solo = CrossIndex(neighbors=1, window_days=7)
    solo.add(0, [row(i, "en", 0.0, {"Santiago"}, set()) for i in "ab"])
    assert solo.query([0]) == [[]]


def test_the_model_reads_a_pair_whose_keys_meet_under_the_gloss_floor() -> None:
    from storylens.stories.features import StoryFeatures
    from storylens.stories.verify import CROSS_FLOOR, KEY_FLOOR

    rows = [
        (
            StoryFeatures(id=i, embedding=np.zeros(2, "float32"), body=f"{i} title\n{i} text",
                          language=i[:2], bridge=np.array(vector, "float32")),
            None,
        )
        for i, vector in (("en", [1.0, 0.0]), ("es", [0.0, 1.0]), ("de", [0.0, 1.0]))
    ]  # fmt: skip
    assert CROSS_FLOOR > 0.0  # the glosses meet at cosine 0
    keys = {(0, 1): KEY_FLOOR, (0, 2): KEY_FLOOR - 0.01}
    judge = _Judge({("en", "es"): 1.0, ("en", "de"): 1.0})
    check = ModelCheck(0.62, rows.__getitem__, _Analyzer, judge,  # type: ignore[arg-type]
                       key_cosine=lambda r, s: keys.get((min(r, s), max(r, s))))  # fmt: skip
    check.prepare([(0, 1), (0, 2)])
    assert judge.asked == [("en", "es")]
    assert check.score(0, 2) == pytest.approx(0.62 + CROSS_SLOPE * (CROSS_CUT - 4.0))


def test_an_index_pickled_before_keys_keeps_its_gloss_candidates() -> None:
    import pickle

    from storylens.stories.crossing import CrossIndex
    from storylens.stories.features import StoryFeatures

    def row(i: str, language: str, vector: list[float], names: set[str]) -> StoryFeatures:
        bridge = np.array(vector, "float32")
        return StoryFeatures(id=i, embedding=bridge, language=language, bridge=bridge,
                             names=frozenset(names))  # fmt: skip

    rows = [
        row("en", "en", [1.0, 0.0], {"Piñera", "Santiago", "Chile"}),
        row("es", "es", [0.0, 1.0], {"Piñera", "Santiago"}),
    ]
    new = row("de", "de", [0.6, 0.8], {"Chile"})
    index = CrossIndex(neighbors=1, window_days=7)
    index.add(0, rows)
    index.add(2, [new])
    assert index.query([0]) == [[2, 1]]  # with keys the Spanish row comes by its name
    index = CrossIndex(neighbors=1, window_days=7)
    index.add(0, rows)
    for name in ("_keys", "_columns", "_weighted"):  # as a store written before keys holds it
        del index.__dict__[name]
    old = pickle.loads(pickle.dumps(index))
    old.add(2, [new])
    assert old.key_cosine(0, 1) is None
    assert old.query([0]) == [[2]]  # by gloss only
