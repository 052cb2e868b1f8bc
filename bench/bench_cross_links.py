"""Cross-language story links on SemEval-2022 test as clusters: how many, how right, how many found.

    python bench/bench_cross_links.py

The articles and gold stories are those of ``bench_stories_quality.py`` (test pairs with Overall
<= 2.0 joined transitively; an unjudged pair counts as two stories). A cross-language link is a
pair of articles in two languages that end in one story; precision and recall are over the gold
cross-language same-story pairs. The light decision (no scoring model) is run with
cross-language links off (the default, the baseline) and on (``StoryGrouper(cross_lingual=True)``).

Read precision with care: the test set holds articles that are translations of one another
(the same report in English and Chinese, in Spanish and Italian) whose pair was never judged, so
the gold calls them two stories; a correct link between them counts as a wrong one here.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Sequence
from typing import Any

from bench_stories_quality import SEMEVAL, load_semeval
from rows import result


def cross_links(
    labels: Sequence[str], gold: Sequence[str], languages: Sequence[str | None]
) -> tuple[int, int, int]:
    """(links made, right, gold links) over pairs of articles in two known languages."""
    made = right = wanted = 0
    for i, j in itertools.combinations(range(len(labels)), 2):
        if not (languages[i] and languages[j] and languages[i] != languages[j]):
            continue
        same_gold = gold[i] == gold[j]
        wanted += same_gold
        if labels[i] == labels[j]:
            made += 1
            right += same_gold
    return made, right, wanted


def main() -> list[dict[str, Any]]:
    from storylens.stories.evaluate import bcubed
    from storylens.stories.grouping import StoryGrouper

    if not SEMEVAL.exists():
        print(f"bench_cross_links: {SEMEVAL} is absent; nothing measured", file=sys.stderr)
        return []
    articles, gold = load_semeval()
    runs = {}
    for crossing in (False, True):
        grouper = StoryGrouper(verify=False, cross_lingual=crossing).fit(articles)
        languages = [row.features.language for row in grouper.rows_]
        labels = [grouper.labels_[grouper.row_of_[a.id]] for a in articles]
        runs[crossing] = (bcubed(labels, gold).f1, *cross_links(labels, gold, languages))
    rows = []
    base_f1, base_made, base_right, wanted = runs[False]
    f1, made, right, _ = runs[True]
    name = "SemEval test as clusters, light decision, cross-language links on"
    rows.append(result(f"{name}: B-cubed F1", "B-cubed F1", f1, "links off", base_f1, digits=4))
    rows.append(result(f"{name}: links made", "links", made, "links off", base_made))
    precision = right / made if made else 0.0
    base_precision = base_right / base_made if base_made else 0.0
    rows.append(
        result(f"{name}: precision", "precision", precision, "links off", base_precision, 4)
    )
    rows.append(
        result(
            f"{name}: recall of {wanted} gold cross-language pairs",
            "recall",
            right / wanted if wanted else 0.0,
            "links off",
            base_right / wanted if wanted else 0.0,
            4,
        )
    )
    return rows


if __name__ == "__main__":
    for row in main():
        print(row)
