"""Clustering throughput and peak memory at 1k / 10k / 100k (``--small``: no 100k) articles.

The articles are generated news openings: each event has a kind (quake, storm, strike, ...), a
place, people, numbers and a day; its 1-8 articles word the same facts differently, and many
events share kind, place and people (the confusable case). Each size runs in a fresh process so
``ru_maxrss`` is that run's peak. Two analysis paths are measured: the model-free hashing
encoder (the large-scale path) at every size, MiniLM (the default path) at 1k only, where its
cost per article is already clear. The baseline is TF-IDF + average-link agglomerative
clustering on the 1k set (it needs the full distance matrix, so it cannot go further). Last,
the whole ``storylens cluster --fast`` command is timed on JSONL files of 10k and 100k articles
against the issue's targets (500 articles/s, 2 GB).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rows import result
from storylens.model import Article

KINDS = {
    "quake": (
        "{m}-magnitude earthquake strikes {place}",
        "A magnitude {m} earthquake hit {place} "
        "on {day}, killing at least {n} people, officials said. {person} said rescuers "
        "were searching collapsed buildings.",
    ),
    "storm": (
        "Storm {name} makes landfall near {place}",
        "Storm {name} came ashore near {place} "
        "on {day} with winds of {n} mph. {person} ordered {k} residents to evacuate.",
    ),
    "strike": (
        "{org} workers walk out in {place}",
        "Thousands of {org} workers in {place} went "
        "on strike on {day} demanding a {m} percent raise, union leader {person} said; "
        "{n} sites were closed.",
    ),
    "vote": (
        "{person} wins {place} mayoral race",
        "{person} won the {place} mayoral election on "
        "{day} with {m} percent of the vote, beating {other} by {n} votes.",
    ),
    "fire": (
        "Wildfire forces {k} to flee near {place}",
        "A wildfire near {place} burned {n} acres "
        "by {day}, fire chief {person} said, and {k} people were told to leave.",
    ),
}
PLACES = [
    f"{a}{b}"
    for a in ("Port ", "San ", "New ", "Lake ", "Fort ")
    for b in ("Alder", "Birch", "Cedar", "Dale", "Elm", "Fern", "Grove", "Hazel", "Iris", "Juniper")
]
PEOPLE = [
    f"{f} {g}"
    for f in ("Ana", "Ben", "Carla", "Dev", "Eli", "Fay", "Gus", "Hana")
    for g in ("Ruiz", "Okafor", "Lind", "Sato", "Novak", "Haddad")
]
ORGS = ["rail", "port", "airline", "hospital", "postal", "teacher"]
VOCABULARY = [
    f"{a}{b}"
    for a in ("ka", "lo", "mi", "ne", "pu", "ra", "si", "to")
    for b in ("ber", "cal", "dor", "fen", "gul", "hox", "jin", "kem", "lor", "mur", "nip", "pax")
]
OPENERS = ["", "BREAKING: ", "Update: ", "Officials confirm: ", "Live: "]


def synthetic(n: int, seed: int = 11) -> tuple[list[Article], list[int]]:
    rng = random.Random(seed)
    articles: list[Article] = []
    gold: list[int] = []
    event = 0
    start = date(2024, 1, 1)
    while len(articles) < n:
        kind = rng.choice(list(KINDS))
        title_t, lead_t = KINDS[kind]
        facts = {
            "place": rng.choice(PLACES),
            "person": rng.choice(PEOPLE),
            "other": rng.choice(PEOPLE),
            "org": rng.choice(ORGS),
            "name": rng.choice(PEOPLE)[:3],
            "m": f"{rng.randint(3, 8)}.{rng.randint(0, 9)}"
            if kind == "quake"
            else str(rng.randint(3, 70)),
            "n": str(rng.randint(12, 9000)),
            "k": f"{rng.randint(2, 90)},000",
        }
        day = start + timedelta(days=rng.randint(0, 364))
        facts["day"] = day.strftime("%A")
        # what else the event's reports say (their own words, shared by its wire copies)
        colour = " ".join(rng.choice(VOCABULARY) for _ in range(30))
        for i in range(min(rng.randint(1, 8), n - len(articles))):
            lead = lead_t.format(**facts)
            words = lead.split()
            for _ in range(3):  # outlets reword a little
                j = rng.randrange(len(words))
                words[j] = words[j].lower()
            articles.append(
                Article(
                    title=rng.choice(OPENERS) + title_t.format(**facts),
                    text=" ".join(words) + f" {colour}. More from outlet {i}.",
                    outlet=f"outlet{rng.randint(0, 300)}.com",
                    published=(day + timedelta(days=rng.randint(0, 1))).isoformat(),
                )
            )
            gold.append(event)
        event += 1
    return articles, gold


def child(n: int, encoder_name: str) -> dict[str, Any]:
    from storylens.stories.evaluate import bcubed
    from storylens.stories.features import featurize
    from storylens.stories.grouping import StoryGrouper

    articles, gold = synthetic(n)
    embedding = "hashing" if encoder_name == "hash" else "minilm"
    grouper = StoryGrouper(embedding=embedding, verify=False)
    # model loading and the first import of a language's stop words are not clustering time;
    # the timed run gets an analyzer of its own, whose cache holds none of these 200
    featurize(articles[:200], grouper.story_analyzer())
    t0 = time.perf_counter()
    features = featurize(articles, grouper.story_analyzer())
    t1 = time.perf_counter()
    grouper.add_features(articles, features)
    t2 = time.perf_counter()
    return {
        "n": n,
        "features_s": t1 - t0,
        "grouping_s": t2 - t1,
        "total_s": t2 - t0,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "f1": bcubed(grouper.labels_, gold).f1,
    }


def baseline(n: int) -> dict[str, Any]:
    from storylens.stories.evaluate import baseline_labels, bcubed

    articles, gold = synthetic(n)
    t0 = time.perf_counter()
    labels = baseline_labels(articles)
    return {"total_s": time.perf_counter() - t0, "f1": bcubed(labels, gold).f1}


def spawn(n: int, encoder: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(n), "--encoder", encoder],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def cli(n: int, *flags: str) -> dict[str, Any]:
    """``storylens cluster FILE.jsonl FLAGS``, end to end (start-up and reading included).

    A wrapper process runs it so that RUSAGE_CHILDREN holds this command's peak alone.
    """
    storylens = Path(sys.executable).with_name("storylens")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        with src.open("w", encoding="utf-8") as out:
            for article in synthetic(n)[0]:
                out.write(json.dumps(article.to_dict()) + "\n")
        command = [str(storylens), "cluster", str(src), "-o", str(Path(tmp) / "out.jsonl"), *flags]
        wrapper = (
            "import json, resource, subprocess, sys, time; t = time.perf_counter(); "
            "subprocess.run(sys.argv[1:], check=True, stderr=subprocess.DEVNULL); "
            "print(json.dumps({'total_s': time.perf_counter() - t, 'maxrss_mb': "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))"
        )
        done = subprocess.run(
            [sys.executable, "-c", wrapper, *command], capture_output=True, text=True, check=True
        )
    return {"n": n, **json.loads(done.stdout)}


BASELINE = "tf-idf + agglomerative, 1k"
TARGET = "target (issue, 100k)"


def main(big: bool = True) -> list[dict[str, Any]]:
    base = baseline(1000)
    base_rate = 1000 / base["total_s"]
    results: list[dict[str, Any]] = []
    minilm = spawn(1000, "minilm")
    runs = [("minilm", minilm)] + [
        ("hash", spawn(n, "hash")) for n in ([1000, 10000, 100000] if big else [1000, 10000])
    ]
    for n in [10000, 100000] if big else [10000]:
        run = cli(n, "--fast", "--max-bytes", str(2**31))  # 100k articles are 63 MB of JSONL
        label = f"`storylens cluster --fast` CLI, {n} articles (JSONL in, reading included)"
        rate = n / run["total_s"]
        results += [
            result(label, "articles/s", rate, TARGET, 500, digits=1),
            result(label, "peak RSS MB", run["maxrss_mb"], TARGET, 2048, digits=1),
        ]
    for encoder, run in runs:
        label = f"cluster {run['n']} articles ({encoder})"
        rate = run["n"] / run["total_s"]
        grouping = run["n"] / run["grouping_s"]
        results += [
            result(label, "articles/s", rate, BASELINE, base_rate, digits=1),
            result(label, "grouping-only articles/s", grouping, BASELINE, base_rate, digits=1),
            result(label, "peak RSS MB", run["maxrss_mb"], TARGET, 2048, digits=1),
            result(label, "B-cubed F1 (synthetic gold)", run["f1"], BASELINE, base["f1"], 4),
        ]
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", action="store_true", help="skip the 100k-article runs")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--encoder", default="hash", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.encoder)))
    else:
        for row in main(not args.small):
            print(row)
