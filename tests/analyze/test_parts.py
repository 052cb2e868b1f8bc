"""Unit tests of the analysis pieces: quote patterns, speakers, quantities, shingles, contract."""

from __future__ import annotations

import pickle
import subprocess
import sys

import numpy as np
import pytest

from storylens.analyze import TEXT, Analysis, AnalyzeOptions, Analyzer, analyze, quantities
from storylens.analyze.document import Sentence
from storylens.analyze.quantities import date_key, parse_number, published_date
from storylens.analyze.shingles import jaccard, minhash, shingle
from storylens.analyze.speakers import SpeakerBook, canonical, name_key
from storylens.model import Article
from storylens.sets import containment

TEXT_ONLY = AnalyzeOptions(steps=TEXT)
FRIDAY = published_date("2020-01-10T08:00:00Z")


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Abdul Mahdi", "Adel Abdul Mahdi"),
        ("Sistani", "Ali al-Sistani"),
        ("al-Sistani", "Ali al-Sistani"),
        ("Al-Sistani’s", "Ali al-Sistani"),
        ("Grand Ayatollah Ali al-Sistani", "Ali al-Sistani"),
        ("Trump", "Trump"),
    ],
)
def test_canonical_names(mention: str, expected: str) -> None:
    known = ["Grand Ayatollah Ali al-Sistani", "al-Sistani", "Adel Abdul Mahdi", "Mike Pompeo"]
    assert canonical(mention, known) == expected


def test_ambiguous_surname_stays_as_written() -> None:
    assert canonical("Bush", ["George W. Bush", "Jeb Bush"]) == "Bush"


def test_role_nouns_map_to_the_one_person_with_that_role() -> None:
    book = SpeakerBook(["Adel Abdul Mahdi", "Morgan Ortagus"])
    book.add_role("prime minister", "Adel Abdul Mahdi")
    book.add_role("spokeswoman", "Morgan Ortagus")
    assert book.by_role("the prime minister") == "Adel Abdul Mahdi"
    assert book.by_role("the spokeswoman") == "Morgan Ortagus"
    assert book.by_role("the president") is None
    book.add_role("spokeswoman", "Jane Doe")
    assert book.by_role("the spokeswoman") is None


def test_name_key_strips_particles_and_possessives() -> None:
    assert name_key("Al-Sistani's") == name_key("al-Sistani") == "sistani"


@pytest.mark.parametrize(
    ("text", "value"),
    [("35", 35), ("2,000", 2000), ("1.5 million", 1.5e6), ("35bn", 35e9), ("four", 4),
     ("twenty-five", 25), ("a dozen", 12), ("three hundred", 300), ("many", None)],
)  # fmt: skip
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Jan. 3", "date:2020-01-03"),
        ("January 3", "date:2020-01-03"),
        ("3 January 2019", "date:2019-01-03"),
        ("Dec. 30", "date:2019-12-30"),
        ("Friday", "date:2020-01-10"),
        ("on Thursday", "date:2020-01-09"),
        ("next Monday", "weekday:monday"),
        ("last week", "date:last week"),
        ("2019", "date:2019"),
    ],
)
def test_date_keys(text: str, key: str) -> None:
    assert date_key(text, FRIDAY) == key


def test_dates_without_publication_stay_unresolved() -> None:
    assert date_key("Jan. 3", None) == "date:--01-03"
    assert date_key("Friday", None) == "weekday:friday"


@pytest.mark.parametrize(
    ("language", "sentence", "key"),
    [
        ("de", "Am 5. März 2019 trat er zurück.", "date:2019-03-05"),
        ("es", "El 3 de enero de 2019 dimitió.", "date:2019-01-03"),
        ("es", "El 3 de enero dimitió.", "date:2020-01-03"),
        ("fr", "Le 1er janvier, il a démissionné.", "date:2020-01-01"),
        ("it", "Il 28 dicembre si è dimesso.", "date:2019-12-28"),
        ("pl", "5 stycznia 2020 r. podał się do dymisji.", "date:2020-01-05"),
        ("tr", "5 Ocak 2020 tarihinde istifa etti.", "date:2020-01-05"),
        ("ru", "5 января он подал в отставку.", "date:2020-01-05"),
        ("ar", "استقال في 5 يناير 2020.", "date:2020-01-05"),
        ("zh", "他于2020年1月5日辞职，1月7日离开。", "date:2020-01-05"),
        ("zh", "他于2020年1月5日辞职，1月7日离开。", "date:2020-01-07"),
    ],
)
def test_dates_in_other_languages_key_as_english_ones_do(
    language: str, sentence: str, key: str
) -> None:
    # dates carry across languages as they are: a German and an English report of one day meet
    found = quantities.extract(
        [Sentence(0, sentence, 0, 0, len(sentence))], [], "2020-01-10", language
    )
    assert key in {q.key for q in found if q.kind == "date"}


def dates_in(sentence: str, language: str) -> list[str]:
    one = [Sentence(0, sentence, 0, 0, len(sentence))]
    found = quantities.extract(one, [], "2020-01-10", language)
    return [q.key for q in found if q.kind == "date"]


@pytest.mark.parametrize(
    ("language", "sentence", "key"),
    [
        ("tr", "ANKARA, 5 KASIM 2019 - Sonuçlar açıklandı.", "date:2019-11-05"),
        ("tr", "23 NİSAN kutlamaları.", "date:2020-04-23"),
        ("es", "El 5 de marzo, 2000 personas marcharon.", "date:2020-03-05"),  # a count
        ("es", "Llegó el 5 de mar. de 2019 al puerto.", "date:2019-03-05"),
        ("de", "Am 12. Jan. hat er gewonnen.", "date:2020-01-12"),
    ],
)
def test_foreign_dates_upper_case_or_abbreviated(language: str, sentence: str, key: str) -> None:
    assert dates_in(sentence, language) == [key]


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("es", "Navegaron 5 mar adentro."),  # "mar": the sea, not March
        ("it", "La partita è finita dopo 3 set."),
        ("pl", "Widziano 2 lis w lesie."),
        ("de", "Am 5. März 3000 Menschen."),  # 3000 is a count, not a year
    ],
)
def test_words_that_look_like_months_are_not_dates(language: str, sentence: str) -> None:
    assert "date:3000-03-05" not in dates_in(sentence, language)
    if language != "de":
        assert dates_in(sentence, language) == []


def test_month_words_are_read_only_in_their_own_language() -> None:
    sentence = "Am 5. März 2019 trat er zurück."
    assert dates_in(sentence, "en") == []
    # a language dateparser does not know adds nothing, and does not fail
    assert dates_in(sentence, "xx") == dates_in(sentence, "__init__") == []
    # nor are English month names read in another language
    assert dates_in("Il 5 march 2019.", "it") == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "key"),
    [
        ("The fund holds $35 billion of Iraq's money.", "money:USD:35000000000"),
        ("The fund holds 35 billion dollars of Iraq's money.", "money:USD:35000000000"),
        ("The fund holds US$35bn of Iraq's money.", "money:USD:35000000000"),
        ("Prices rose 10 percent last year.", "percent:10"),
        ("Prices rose 10% last year.", "percent:10"),
        ("Iran planned to strike four embassies.", "number:4"),
        ("It was the third attack this month.", "ordinal:3"),
    ],
)
def test_quantity_keys(sentence: str, key: str) -> None:
    analysis = analyze(Article(text=sentence, published="2020-01-10"), TEXT_ONLY)
    assert key in {q.key for q in analysis.quantities}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("“We will stay,” Donald Trump said on Friday.", "We will stay", "Donald Trump"),
        ("Donald Trump said: “We will stay.”", "We will stay", "Donald Trump"),
        ("“We will stay,” said Donald Trump.", "We will stay", "Donald Trump"),
        (
            '"We will stay," Angela Merkel told reporters. "It is our duty."',
            "It is our duty",
            "Angela Merkel",
        ),
        (
            "Prime Minister Boris Johnson spoke on Monday.\n\n"
            "Johnson asked the EU to “respect the vote” of the country.",
            "respect the vote",
            "Boris Johnson",
        ),
        (
            "Jacinda Ardern visited the site.\n\nShe said the attack was “an act of terror.”",
            "an act of terror",
            "Jacinda Ardern",
        ),
        (
            "Spokeswoman Morgan Ortagus spoke to the press.\n\n"
            "“We are ready,” the spokeswoman said.",
            "We are ready",
            "Morgan Ortagus",
        ),
    ],
)
def test_quote_patterns(text: str, words: str, speaker: str) -> None:
    analysis = analyze(Article(text=text), TEXT_ONLY)
    found = [q for q in analysis.quotes if words in q.text]
    assert found, [q.text for q in analysis.quotes]
    assert found[0].speaker == speaker


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "„Wir haben alles verloren, unser Haus ist weg“, sagte der Bürgermeister. "
            "Der Schaden ist groß.",
            "Wir haben alles verloren, unser Haus ist weg",
        ),
        (
            "Le maire a déclaré : « Nous avons tout perdu ». La ville est détruite.",
            "Nous avons tout perdu",
        ),
    ],
)
def test_german_and_french_quote_marks_close_where_they_close(text: str, words: str) -> None:
    # „…“ closes with an English opening mark: the quote must end there, not run on
    analysis = analyze(Article(text=text), TEXT_ONLY)
    assert [q.text for q in analysis.quotes] == [words]


def test_shingles_are_stable_across_processes() -> None:
    text = "The United States rebuffed an Iraqi request on Friday to pull out its troops"
    code = (
        "from storylens.analyze.shingles import shingle, minhash;"
        f"s = shingle({text!r}); print(sorted(s)[0], int(minhash(s)[0]))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    here = shingle(text)
    assert runs == {f"{sorted(here)[0]} {int(minhash(here)[0])}\n"}


def test_shingles_fold_case_and_punctuation() -> None:
    assert shingle("The U.S. said NO, again!", 2) == shingle("the u s said no again", 2)
    assert shingle("", 5) == frozenset()
    assert len(shingle("two words", 5)) == 1


def test_containment_and_minhash() -> None:
    a = shingle("one two three four five six seven eight", 3)
    b = shingle("one two three four five six seven eight nine ten eleven twelve", 3)
    assert containment(a, b) == 1.0
    assert containment(b, a) == pytest.approx(6 / 10)
    assert containment(frozenset(), b) == 0.0
    signature = minhash(a, 64)
    assert signature.dtype == np.uint64 and signature.shape == (64,)
    assert np.array_equal(signature, minhash(a, 64))
    assert jaccard(minhash(a), minhash(b)) == pytest.approx(0.6, abs=0.2)


@pytest.mark.slow
def test_empty_article_gives_an_empty_analysis() -> None:
    analysis = analyze(Article())
    assert analysis.sentences == [] and analysis.quotes == [] and analysis.entities == []
    assert analysis.sentence_embeddings.shape == (0, 384)
    assert not analysis.embedding.any() and not analysis.title_embedding.any()
    assert analysis.minhash.shape == (128,)
    titled = analyze(Article(title="Iraq asks US troops to leave"))
    assert titled.embedding.any() and titled.sentences == []


@pytest.mark.slow
def test_non_english_article_still_works() -> None:
    text = (
        "Der irakische Ministerpräsident Adel Abdul Mahdi forderte am Freitag den Abzug.\n\n"
        "„Wir wollen Frieden“, sagte er. 伊拉克总理要求美国撤军。"
    )
    analysis = analyze(Article(title="Irak fordert Abzug", text=text, published="2020-01-10"))
    assert len(analysis.sentences) >= 2
    assert analysis.sentence_embeddings.shape[0] == len(analysis.sentences)
    assert analysis.shingles


@pytest.mark.slow
def test_analysis_pickles(wire: Analysis) -> None:
    copy = pickle.loads(pickle.dumps(wire))
    assert copy.quotes == wire.quotes and copy.entities == wire.entities
    assert np.array_equal(copy.sentence_embeddings, wire.sentence_embeddings)
    assert copy.shingles == wire.shingles


@pytest.mark.slow
def test_cache_and_batch_agree() -> None:
    articles = [
        Article(title=f"Story {i}", text=f"Iraq asked {n} US troops to leave on Friday.")
        for i, n in enumerate(("500", "four", "5,000"))
    ]
    analyzer = Analyzer(TEXT_ONLY)
    batch = list(analyzer.stream(articles, batch_size=2))
    for article, analysis in zip(articles, batch, strict=True):
        assert analyzer.run(article) is analysis
    fresh = Article(title="Story 0", text=articles[0].text)
    assert analyzer.run(fresh) is batch[0]
    changed = Article(title="Story 0", text=articles[0].text, published="2020-01-10")
    assert analyzer.run(changed) is not batch[0]
    assert Analyzer(TEXT_ONLY).run(articles[0]) is not batch[0]  # the cache is the analyzer's


def test_cache_keeps_articles_with_the_same_words_apart() -> None:
    analyzer = Analyzer(TEXT_ONLY)
    words = {"title": "Same words", "text": "Nothing else differs."}
    first = analyzer.run(Article(**words, outlet="one.example"))
    second = analyzer.run(Article(**words, outlet="two.example"))
    assert first.article.outlet == "one.example"
    assert second.article.outlet == "two.example"
