"""What the analysis must find in the two seed documents."""

from __future__ import annotations

import pytest

from storylens.analyze import Analysis


def speaker_of(analysis: Analysis, words: str) -> str | None:
    found = [q for q in analysis.quotes if words in q.text]
    assert found, f"no quote containing {words!r} in {[q.text for q in analysis.quotes]}"
    return found[0].speaker


@pytest.mark.slow
@pytest.mark.parametrize("side", ["wire", "rewrite"])
@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("send delegates to put in place the tools", "Adel Abdul Mahdi"),
        ("need to be a conversation between the US", "Morgan Ortagus"),
        ("dangerous aggressive acts", "Ali al-Sistani"),
        ("Iraq must govern itself", "Ali al-Sistani"),
    ],
)
def test_shared_quotes_have_the_same_speaker(
    side: str, words: str, speaker: str, request: pytest.FixtureRequest
) -> None:
    analysis = request.getfixturevalue(side)
    assert speaker_of(analysis, words) == speaker


@pytest.mark.slow
def test_wire_only_quotes(wire: Analysis) -> None:
    assert speaker_of(wire, "You have to pay us for the money we put in") == "Donald Trump"
    # "He said … “sitting in an account.”": the pronoun is the last person named
    assert speaker_of(wire, "sitting in an account") == "Donald Trump"
    # the second half of a quote split by its attribution
    assert speaker_of(wire, "I can reveal that I believe") == "Donald Trump"


@pytest.mark.slow
def test_rewrite_only_quotes(rewrite: Analysis) -> None:
    assert speaker_of(rewrite, "having too many bases") == "Mohammad Javad Haj Aliakbari"
    headline = [q for q in rewrite.quotes if q.text == "Suffered enough from wars"]
    assert headline and headline[0].speaker is None


@pytest.mark.slow
def test_sentences_never_split_inside_a_quote(wire: Analysis, rewrite: Analysis) -> None:
    for analysis in (wire, rewrite):
        for sentence in analysis.sentences:
            assert sentence.text.count("“") <= sentence.text.count("”") + 1
            assert analysis.article.text[sentence.start : sentence.end] == sentence.text
            assert sentence.text not in {"[", "“", "”"}
    trump = [s.text for s in wire.sentences if "agree to pay" in s.text]
    assert trump == ["“I think they’ll agree to pay. Otherwise we’ll stay there,” Trump said."]


@pytest.mark.slow
def test_paragraphs_follow_the_article(rewrite: Analysis) -> None:
    paragraphs = rewrite.article.paragraphs
    for sentence in rewrite.sentences:
        assert sentence.text in paragraphs[sentence.paragraph]
    assert rewrite.sentences[-1].paragraph == len(paragraphs) - 1


@pytest.mark.slow
def test_quantities(wire: Analysis, rewrite: Analysis) -> None:
    wire_keys = {q.key for q in wire.quantities}
    rewrite_keys = {q.key for q in rewrite.quantities}
    assert "money:USD:35000000000" in wire_keys
    assert "number:4" in wire_keys
    # "Jan. 3" in the wire, "January 3" in the rewrite
    assert "date:2020-01-03" in wire_keys & rewrite_keys
    # Friday, on a Friday; "on Thursday" the day before
    assert {"date:2020-01-10", "date:2020-01-09"} <= wire_keys & rewrite_keys
    assert "money:USD:35000000000" not in rewrite_keys


@pytest.mark.slow
def test_entities_meet_across_spellings(wire: Analysis, rewrite: Analysis) -> None:
    def people(a: Analysis) -> set[str]:
        return {e.name for e in a.entities if e.label == "PERSON"}

    assert {"Adel Abdul Mahdi", "Ali al-Sistani", "Morgan Ortagus"} <= people(wire) & people(
        rewrite
    )
    wire_keys = {e.key for e in wire.entities}
    rewrite_keys = {e.key for e in rewrite.entities}
    assert {"us", "iraq", "state department", "ali sistani"} <= wire_keys & rewrite_keys
    assert "nato" in wire_keys - rewrite_keys
    assert "ali khamenei" in rewrite_keys - wire_keys
    # a surname mention takes the full name's key
    sistani = {e.key for e in rewrite.entities if "Sistani" in e.text}
    assert sistani == {"ali sistani"}


@pytest.mark.slow
def test_embeddings_and_shingles(wire: Analysis, rewrite: Analysis) -> None:
    import numpy as np

    from storylens.analyze.shingles import jaccard
    from storylens.sets import containment

    for analysis in (wire, rewrite):
        assert analysis.sentence_embeddings.shape == (len(analysis.sentences), 384)
        assert analysis.sentence_embeddings.dtype == np.float32
        norms = np.linalg.norm(analysis.sentence_embeddings, axis=1)
        assert np.allclose(norms, 1.0, atol=1e-4)
        assert analysis.embedding.shape == (384,)
        assert analysis.minhash.dtype == np.uint64
    assert not wire.title_embedding.any()
    assert np.isclose(np.linalg.norm(rewrite.title_embedding), 1.0, atol=1e-4)
    # the raw seed page opens with photo captions, so the openings agree only loosely
    assert float(wire.embedding @ rewrite.embedding) > 0.4
    # while the shared paragraphs match almost exactly
    assert float((wire.sentence_embeddings @ rewrite.sentence_embeddings.T).max()) > 0.95
    assert 0.05 < containment(rewrite.shingles, wire.shingles) < 0.9
    assert jaccard(wire.minhash, rewrite.minhash) > 0.02
