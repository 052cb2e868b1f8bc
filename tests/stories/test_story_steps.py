"""Story features come from the Analyzer's story steps: no spaCy, the same features as the
grouping's own reading gave, and an analyzer that Spark can ship."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from datetime import date

import numpy as np
import pytest

from storylens.analyze import STORY, AnalysisFailed, AnalyzeOptions, Analyzer, LRUCache
from storylens.analyze.bridge import bridge
from storylens.analyze.models import Models
from storylens.analyze.opening import hashing_encoder, lead
from storylens.model import Article
from storylens.stories.dedup import signature
from storylens.stories.features import StoryFeatures, featurize, story_analyzer

Encoder = Callable[[list[str]], np.ndarray]

FED = Article(
    id="fed",
    title="Fed raises rates by 75 basis points",
    text="Fed raises rates by 75 basis points\n\nWASHINGTON (Reuters) - The Federal Reserve raised"
    " rates by 0.75 percentage point on June 15, 2022, the largest rise since 1994, Jerome Powell"
    " said. Inflation hit 8.6% in May.",
    outlet="Reuters",
)
QUAKE = Article(
    id="quake",
    text="A magnitude 6.8 earthquake struck Elazig province in eastern Turkey on Friday, killing"
    " at least 22 people and injuring 1,030, officials said.",
    published="2020-01-24T20:55:00Z",
)
PAKET = Article(
    id="paket",
    title="Regierung beschließt Hilfspaket",
    text="Die Bundesregierung hat am Mittwoch in Berlin ein Hilfspaket von 200 Milliarden Euro"
    " beschlossen, sagte Kanzler Olaf Scholz nach der Sitzung des Kabinetts.",
    published="2022-09",
)
ARTICLES = [FED, QUAKE, PAKET, Article(id="empty")]


def _day(year: int, month: int, day: int) -> int:
    return date(year, month, day).toordinal()


#: what grouping's own reading of these openings gave before it became analysis steps
EXPECTED = {
    "fed": {
        "names": {"fed", "federal", "federal reserve", "inflation", "jerome", "jerome powell"}
        | {"powell", "reserve", "washington"},
        "numbers": {"0.75", "15", "75", "8.6"},
        "years": {1994, 2022},
        # no publication date: the first full date printed in the opening
        "days": (_day(2022, 6, 15), _day(2022, 6, 15)),
        "language": "en",
    },
    "quake": {
        "names": {"elazig", "turkey"},
        "numbers": {"1030", "22", "6.8"},
        "years": set(),
        "days": (_day(2020, 1, 24), _day(2020, 1, 24)),
        "language": "en",
    },
    "paket": {
        "names": {"berlin", "bundesregierung", "die", "die bundesregierung", "euro", "hilfspaket"}
        | {"kabinetts", "kanzler", "kanzler olaf scholz", "milliarden", "milliarden euro"}
        | {"mittwoch", "olaf", "regierung", "scholz", "sitzung", "sitzung de"},
        "numbers": {"200"},
        "years": set(),
        "days": (_day(2022, 9, 1), _day(2022, 9, 30)),  # a month: any of its days
        "language": "de",
    },
    "empty": {"names": set(), "numbers": set(), "years": set(), "days": None, "language": None},
}


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def test_features_are_the_grouping_reading_of_the_opening(fake_encoder: Encoder) -> None:
    analyzer = story_analyzer(encoder=fake_encoder, cross_lingual=True)
    features = featurize(ARTICLES, analyzer)
    assert [f.id for f in features] == [a.id for a in ARTICLES]
    for article, found in zip(ARTICLES, features, strict=True):
        expected = EXPECTED[article.id]
        assert (found.names, found.numbers, found.years) == (
            expected["names"],
            expected["numbers"],
            expected["years"],
        ), article.id
        assert (found.days, found.language) == (expected["days"], expected["language"])
        body = f"{article.title or ''}\n{article.text or ''}"
        assert (found.body, found.title) == (body, article.title or "")
        assert found.signature is not None and np.array_equal(found.signature, signature(body))
    fed, quake, paket, empty = features
    # English openings by the given encoder, German ones hashed with German stop words, and
    # the German one glossed into English for the cross-language view
    for article, found in ((FED, fed), (QUAKE, quake)):
        assert np.array_equal(found.embedding, _unit(fake_encoder([lead(article)])[0]))
        assert found.bridge is None and found.model_encoded
    german = hashing_encoder(language="de")([lead(PAKET)])[0]
    assert np.array_equal(paket.embedding, _unit(german)) and not paket.model_encoded
    gloss = bridge(lead(PAKET), "de").gloss_text
    assert paket.bridge is not None and np.array_equal(
        paket.bridge, _unit(fake_encoder([gloss])[0])
    )
    # nothing to embed: zeros as wide as the others, which no cosine links to anything
    assert empty.embedding.shape == fed.embedding.shape and not empty.embedding.any()
    assert lead(FED).startswith("Fed raises rates by 75 basis points. WASHINGTON")  # no repeat


def test_only_the_model_embedding_or_cross_lingual_links_gloss(fake_encoder: Encoder) -> None:
    def glossed(analyzer: Analyzer) -> list[str]:
        return [f.id for f in featurize(ARTICLES, analyzer) if f.bridge is not None]

    # the model's embedding reads two German openings through their glosses
    assert glossed(story_analyzer(encoder=fake_encoder)) == [PAKET.id]
    # hashing (--fast) reads them hashed and glosses only to link across languages
    assert glossed(story_analyzer("hashing")) == []
    assert glossed(story_analyzer("hashing", cross_lingual=True)) == [PAKET.id]


def test_the_story_steps_run_no_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_spacy(*args: object, **kwargs: object) -> None:
        raise AssertionError("the story steps parsed a text with spaCy")

    # on the class: every analyzer's models, the shared ones included, lose spaCy
    monkeypatch.setattr(Models, "parse", no_spacy)
    monkeypatch.setattr(Models, "nlp", no_spacy)
    features = featurize(ARTICLES, story_analyzer("hashing", cross_lingual=True))
    assert [f.names for f in features] == [EXPECTED[a.id]["names"] for a in ARTICLES]
    # the same patch stops an analysis that does parse, so the check above can fail
    with pytest.raises(AnalysisFailed, match="parsed a text with spaCy"):
        Analyzer(AnalyzeOptions(steps=frozenset({"entities"}))).run(FED)


def test_the_story_analyzer_pickles_and_analyses_the_same_after(fake_encoder: Encoder) -> None:
    for embedding in ("minilm", "hashing"):
        shipped = pickle.loads(pickle.dumps(story_analyzer(embedding, cross_lingual=True)))
        assert shipped.options == story_analyzer(embedding, cross_lingual=True).options
    here = story_analyzer("hashing", cross_lingual=True)
    here.run(FED)  # a filled cache stays behind: Spark ships the options, not the analyses
    there = pickle.loads(pickle.dumps(here))
    assert there.cache.get(here.key(FED)) is None
    for a, b in zip(featurize(ARTICLES, here), featurize(ARTICLES, there), strict=True):
        assert np.array_equal(a.embedding, b.embedding) and a.names == b.names
        assert (a.bridge is None) == (b.bridge is None)
        assert a.bridge is None or b.bridge is None or np.array_equal(a.bridge, b.bridge)


def test_a_shared_cache_never_hands_back_another_encoder_vectors(fake_encoder: Encoder) -> None:
    cache = LRUCache()
    hashed = story_analyzer("hashing", cache=cache).run(FED)
    faked = story_analyzer(encoder=fake_encoder, cache=cache).run(FED)
    assert not np.array_equal(hashed.lead_embedding, faked.lead_embedding)
    assert np.array_equal(faked.lead_embedding, _unit(fake_encoder([lead(FED)])[0]))


def test_an_unknown_embedding_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown embedding 'glove'"):
        AnalyzeOptions(steps=STORY, embedding="glove")


def test_features_from_an_analysis_keep_its_article_id(fake_encoder: Encoder) -> None:
    analysis = story_analyzer(encoder=fake_encoder).run(QUAKE)
    features = StoryFeatures.from_analysis(analysis)
    assert features.id == "quake" and features.embedding is analysis.lead_embedding
