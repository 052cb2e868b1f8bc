from __future__ import annotations

import pickle
from collections.abc import Callable

import numpy as np
import pytest

from storylens.stories.dedup import (
    NUM_PERM,
    BandIndex,
    DuplicateIndex,
    find_duplicates,
    sign_many,
    signature,
)

WIRE = (
    "BAGHDAD (Reuters) - The United States on Friday rejected a request by Iraq's prime minister "
    "to prepare a withdrawal of U.S. troops, saying their presence in the country was appropriate "
    "and that any delegation would discuss how to best recommit to the partnership between the two "
    "countries. Iraqi caretaker Prime Minister Adel Abdul Mahdi asked Washington to send a "
    "delegation to work out a plan for the withdrawal of American troops."
)
OTHER = (
    "Apple on Wednesday unveiled the iPhone 14 and iPhone 14 Pro at its Far Out event in "
    "Cupertino, along with a new Apple Watch Ultra and second-generation AirPods Pro."
)


def test_exact_and_near_copies_share_a_group_distinct_texts_do_not() -> None:
    reprint = "Updated 2 hours ago. " + WIRE.replace("Friday", "Friday,") + " Share this story."
    groups = find_duplicates([WIRE, WIRE, reprint, OTHER], ids=["a", "b", "c", "d"])
    assert groups[0] == groups[1] == groups[2] == "d-a"
    assert groups[3] == "d-d"


def test_group_is_named_after_oldest_member_and_stays_put() -> None:
    index = DuplicateIndex()
    first = index.add(["x"], [OTHER])
    later = index.add(["y", "z"], [WIRE, OTHER + " Read more."])
    assert first == ["d-x"]
    assert later == ["d-y", "d-x"]
    assert index.groups() == ["d-x", "d-y", "d-x"]


def test_index_pickles_and_keeps_working() -> None:
    index = DuplicateIndex()
    index.add(["a"], [WIRE])
    copy = pickle.loads(pickle.dumps(index))
    assert copy.add(["b"], [WIRE]) == ["d-a"]


def test_empty_text_is_its_own_group() -> None:
    assert find_duplicates(["", OTHER]) == ["d-0", "d-1"]


def test_signature_is_the_analysis_minhash_of_the_same_text() -> None:
    from storylens.analyze.analyzer import Analyzer
    from storylens.analyze.pipeline import AnalyzeOptions
    from storylens.model import Article

    analysis = Analyzer(AnalyzeOptions(steps=frozenset({"shingles"}))).run(Article(text=WIRE))
    assert np.array_equal(signature(WIRE), analysis.minhash)
    # the story steps sign title and text with the same scheme: one text, one signature
    titled = Article(title="Troops stay", text=WIRE)
    body = "Troops stay\n" + WIRE
    story = Analyzer(AnalyzeOptions(steps=frozenset({"signature"}))).run(titled)
    whole = Analyzer(AnalyzeOptions(steps=frozenset({"shingles"}))).run(Article(text=body))
    assert np.array_equal(story.signature, signature(body))
    assert np.array_equal(story.signature, whole.minhash)
    assert not np.array_equal(story.signature, analysis.minhash)  # the title is signed too


def _planted(seed: int = 7) -> np.ndarray:
    """Random signatures where every third row copies most values of the row before it."""
    rng = np.random.default_rng(seed)
    sigs = rng.integers(0, 2**63, size=(60, NUM_PERM), dtype="uint64")
    for row in range(2, 60, 3):
        keep = rng.random(NUM_PERM) < rng.uniform(0.2, 0.9)
        sigs[row, keep] = sigs[row - 1, keep]
    return sigs


def test_band_index_yields_exactly_the_pairs_that_share_a_band() -> None:
    sigs = _planted()
    index = BandIndex(32, 4)
    first, second = index.add(sigs[:25], np.arange(25)), index.add(sigs[25:], np.arange(25, 60))
    found = [tuple(pair) for pair in np.concatenate([first, second]).tolist()]
    assert len(found) == len(set(found))  # each pair once, however many bands it shares
    keys = index.band_keys(sigs)
    expected = {
        (later, earlier)
        for later in range(60)
        for earlier in range(later)
        if np.any(keys[later] == keys[earlier])
    }
    assert expected  # the planted copies share bands
    assert set(found) == expected


def test_batches_group_as_one_batch_does() -> None:
    sigs = _planted(11)
    ids = [str(i) for i in range(60)]
    whole = DuplicateIndex().add_signatures(ids, sigs)
    split = DuplicateIndex()
    parts = [split.add_signatures(ids[a:b], sigs[a:b]) for a, b in [(0, 1), (1, 30), (30, 60)]]
    assert [g for part in parts for g in part] == whole
    assert len(set(whole)) < 60  # some planted copies pass the threshold


def test_identical_copies_join_the_first_one() -> None:
    texts = [OTHER] + [WIRE] * 300 + [WIRE + " Read more."]
    groups = find_duplicates(texts)
    assert groups[0] == "d-0"
    assert set(groups[1:]) == {"d-1"}


def test_ids_and_texts_must_pair_up() -> None:
    with pytest.raises(ValueError, match="2 ids for 1 texts"):
        DuplicateIndex().add(["a", "b"], [WIRE])


def test_features_carry_the_signature_grouping_would_make_from_their_body(
    fake_encoder: Callable[[list[str]], np.ndarray],
) -> None:
    from dataclasses import replace

    from storylens.model import Article
    from storylens.stories.features import featurize, story_analyzer
    from storylens.stories.grouping import StoryGrouper

    articles = [
        Article(title="Troops", text=WIRE, id="a", published="2020-01-03"),
        Article(title="Troops stay", text=WIRE + " Read more.", id="b", published="2020-01-03"),
        Article(title="iPhone", text=OTHER, id="c", published="2020-01-03"),
    ]
    features = featurize(articles, story_analyzer(encoder=fake_encoder))
    for f in features:
        assert f.signature is not None and np.array_equal(f.signature, signature(f.body))
    carried = StoryGrouper(encoder=fake_encoder, verify=False).add_features(articles, features)
    # features read back from a store carry no signature: grouping makes it from the body
    bare = [replace(f, signature=None) for f in features]
    remade = StoryGrouper(encoder=fake_encoder, verify=False).add_features(articles, bare)
    assert carried.duplicate_groups_ == remade.duplicate_groups_ == ["d-a", "d-a", "d-c"]


def test_signing_a_batch_gives_each_text_its_own_signature() -> None:
    texts = [WIRE, "", "Two words", "one two three four five", OTHER * 40, "Émile Zola’s ﬁle"]
    batch = sign_many(texts)
    assert batch.shape == (len(texts), NUM_PERM)
    for text, row in zip(texts, batch, strict=True):
        assert np.array_equal(row, signature(text))
