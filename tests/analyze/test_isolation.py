"""One bad article costs only itself in the analysis stage, and no text is too long for it."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from storylens.analyze import (
    AnalysisFailed,
    analyze,
    analyze_each,
    analyze_many,
    pipeline,
    sentences,
)
from storylens.analyze.models import Models
from storylens.isolate import Failed, isolate
from storylens.model import Article

POISON = "poisoned"


def test_isolate_retries_a_failed_batch_one_by_one() -> None:
    calls: list[int] = []

    def run(items: Sequence[int]) -> list[int]:
        calls.append(len(items))
        if 3 in items:
            raise RuntimeError("three is bad")
        return [i * 10 for i in items]

    out = isolate([1, 2, 3, 4], run)
    assert out[:2] == [10, 20] and out[3] == 40
    assert out[2] == Failed(3, "RuntimeError: three is bad")
    assert calls == [4, 1, 1, 1, 1]
    assert isolate([], run) == []


@pytest.fixture
def poisoned_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    """spaCy that fails on any batch holding the poisoned text, as on a hostile record."""
    real = Models.parse

    def parse(self: Models, texts: Sequence[str], batch_size: int = 64) -> list[object]:
        if any(POISON in t for t in texts):
            raise ValueError("[E000] spaCy fails on this text")
        return real(self, texts, batch_size)

    monkeypatch.setattr(Models, "parse", parse)


@pytest.mark.usefixtures("poisoned_spacy")
def test_a_failing_article_costs_only_itself() -> None:
    articles = [
        Article(title="Good one", text="The council voted on Monday.", source="in.jsonl:1"),
        Article(title="Bad one", text=f"A {POISON} record.", source="in.jsonl:2"),
        Article(title="Good two", text="Floods hit the valley on Tuesday.", source="in.jsonl:3"),
    ]
    good, bad, other = analyze_each(articles)
    assert isinstance(bad, Failed) and bad.item is articles[1]
    assert "spaCy fails on this text" in bad.reason
    assert good.article is articles[0] and other.article is articles[2]  # type: ignore[union-attr]
    with pytest.raises(AnalysisFailed, match=r"in\.jsonl:2: cannot analyse this article"):
        analyze_many(articles)


def test_lines_longer_than_spacy_takes_are_analysed_in_pieces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # spaCy's real limit is 1,000,000 characters (E088); scaled down so the test stays fast
    monkeypatch.setattr(sentences, "MAX_BLOCK_CHARS", 2_000)
    nlp = Models.shared().nlp()
    monkeypatch.setattr(nlp, "max_length", 3_000)
    text = "Officials in Porto said the river rose again on Tuesday. " * 200  # one 11k-char line
    analysis = analyze(
        Article(title="Long", text=text), pipeline.AnalyzeOptions(steps=pipeline.TEXT)
    )
    assert len(analysis.sentences) >= 150
    assert all(text[s.start : s.end] == s.text for s in analysis.sentences)
    blocks = sentences.blocks(text)
    assert len(blocks) > 5 and all(len(b.text) <= 2_000 for b in blocks)
    assert "".join(b.text for b in blocks).replace(" ", "") == text.replace(" ", "")
