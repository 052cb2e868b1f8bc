from __future__ import annotations

import pickle

from storylens.stories.dedup import DuplicateIndex, find_duplicates

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
