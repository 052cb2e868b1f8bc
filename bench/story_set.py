"""A story of N articles of 500-800 words about one event, from real texts and realistic rewrites.

The event is the US-Iran crisis in Iraq of January 2020. The wire is the seed Reuters copy
(``004_…``, 613 words) and the first rewrite the seed Al Jazeera article (``000_…``, 743 words),
both real. The other articles are rewrites of the wire the way outlets make them:

- wire copies (a quarter): the wire with a dateline, house style ("U.S." for "US"), its last
  paragraphs cut, a credit line, and background paragraphs after it;
- rewrites (the rest): wire sentences kept word for word, reworded (words swapped, attribution
  moved to the front), with quotes trimmed, or dropped, among background paragraphs.

Background ("own reporting") sentences are real: the seed rewrite's own paragraphs and twelve
English SemEval-2022 Task 8 articles on the same crisis (the embassy siege, the troop
deployment, the Kerman funeral stampede, Pompeo's and Trump's statements), each reworded now and
then. The stampede's death toll rises with publication time (32 to 56, as it did), so the story
has a developing count. Everything is drawn from a seeded generator: the same N gives the same
story.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from storylens.model import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEMEVAL = SHARED / "data" / "semeval2022-task8"
WIRE = SHARED / "seeds" / "004_ad8205b13b026261.txt"
REWRITE = SHARED / "seeds" / "000_5106ceb30cf12f44.txt"
#: English SemEval-2022 Task 8 articles on the same crisis (December 31, 2019 to January 2020)
CRISIS_IDS = (
    "1484129446",
    "1484137629en",
    "1483917384en",
    "1484113388en",
    "1483878302en",
    "1484019136",
    "1498348908",
    "1484140132en",
    "1488650169",
    "1519392906",
    "1517757183",
    "1486394774",
)
#: the Kerman stampede's toll as reports came in
TOLLS = (32, 35, 40, 50, 56)
#: rewordings an editor makes (each applied to a sentence at random)
SWAPS = {
    "spurned": "rejected",
    "rebuffed": "rejected",
    "foe": "rival",
    "heightened": "rising",
    "probably": "likely",
    "imposed": "slapped",
    "killing": "assassination",
    "condemned": "denounced",
    "struggle": "confrontation",
    "plunging": "dragging",
    "deeper": "wider",
    "exploring": "weighing",
    "possible": "potential",
    "sitting": "held",
    "discuss": "talk about",
    "demonstrators": "protesters",
    "immediately": "swiftly",
    "launched": "carried out",
    "appeared": "seemed",
    "attempted": "tried",
    "warned": "cautioned",
}
_SENTENCE = re.compile(r"(?<![A-Z]\.[A-Z]\.)(?:(?<=[.!?])|(?<=[.!?][”\"]))\s+(?=[A-Z“\"‘])")
_QUOTE = re.compile(r"“([^”]{40,})”")
_ATTRIBUTED = re.compile(r"^(“[^”]+,”) ((?:[A-Z][\w.’'-]* ?){1,4}) said\.$")
_JUNK = re.compile(r"pic\.twitter|ADVERTISEMENT|>>>|\(dp|Read More|Updated:|@")
HEADLINES = (
    "U.S. rejects Iraqi request to prepare troop withdrawal",
    "Washington spurns Baghdad call to pull out troops",
    "US will not discuss troop pullout with Iraq, State Department says",
    "Pompeo rebuffs Iraq on troops as NATO weighs bigger role",
    "Trump says Iran targeted four embassies; Iraq asks US to leave",
    "Iraq's top cleric condemns US-Iran confrontation on Iraqi soil",
)


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for paragraph in text.splitlines():
        open_quote = False
        for piece in (s.strip() for s in _SENTENCE.split(paragraph) if s.strip()):
            if open_quote:  # a quote of several sentences stays in one
                out[-1] += " " + piece
            else:
                out.append(piece)
            open_quote = out[-1].count("“") > out[-1].count("”")
    return out


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.splitlines() if len(p.split()) >= 8]


def _crisis_sentences() -> list[str]:
    texts: dict[str, str] = {}
    for name in ("train.jsonl", "test.jsonl"):
        path = SEMEVAL / name
        for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
            record = json.loads(line)
            for side in ("a", "b"):
                if record[side]["id"] in CRISIS_IDS:
                    texts[record[side]["id"]] = record[side]["text"]
    seen: set[str] = set()
    out: list[str] = []
    for key in CRISIS_IDS:
        text = texts.get(key, "")
        first_line = _sentences(text.split("\n", 1)[0])
        # a headline runs into the first sentence where the text has no line break after it
        for s in _sentences(text)[1 if len(first_line) > 1 else 0 :]:
            # the texts are truncated and scraped: keep whole, clean sentences once each
            words = s.split()
            folded = " ".join(words).lower()
            clean = 8 <= len(words) <= 60 and s[-1] in '.”"' and not _JUNK.search(s)
            if clean and folded not in seen:
                seen.add(folded)
                out.append(s)
    return out


def reword(sentence: str, rng: random.Random) -> str:
    """An editor's rewording: some words swapped, a closing attribution moved to the front."""
    words = [SWAPS.get(w, w) if rng.random() < 0.7 else w for w in sentence.split(" ")]
    out = " ".join(words)
    attributed = _ATTRIBUTED.match(out)
    if attributed and rng.random() < 0.7:
        quote, who = attributed.groups()
        out = f"{who} said: {quote[:-2]}.”"
    return out


def trim_quote(sentence: str, rng: random.Random) -> str:
    """The quote cut short, as outlets run it when space is tight (the sentence kept as is
    when it has no long quote)."""
    found = _QUOTE.search(sentence)
    if not found:
        return sentence
    words = found.group(1).split()
    keep = max(5, int(len(words) * rng.uniform(0.5, 0.8)))
    return sentence.replace(found.group(1), " ".join(words[:keep]).rstrip(",.;") + " …")


def _with_toll(sentence: str, toll: int) -> str:
    return (
        re.sub(r"\b32\b", str(toll), sentence)
        if "stampede" in sentence or "32 of" in sentence
        else sentence
    )


def _words(parts: list[str]) -> int:
    return sum(len(p.split()) for p in parts)


def make_story(n: int, seed: int = 13) -> list[Article]:
    """``n`` articles of 500-800 words about one event (see the module docstring)."""
    if not (WIRE.exists() and REWRITE.exists() and SEMEVAL.exists()):
        raise SystemExit(f"the story bench needs the seeds and SemEval data under {SHARED}")
    rng = random.Random(seed)
    wire = _paragraphs(WIRE.read_text(encoding="utf-8"))
    rewrite_text = REWRITE.read_text(encoding="utf-8")
    wire_words = {w.lower() for p in wire for w in p.split()}
    # the seed rewrite's own paragraphs: those that share little with the wire
    own = [
        s
        for s in _sentences(rewrite_text)
        if len(s.split()) >= 8
        and len({w.lower() for w in s.split()} & wire_words) / len(s.split()) < 0.6
    ]
    background = own + _crisis_sentences()
    articles = [
        Article(
            id=f"story-{n}-000",
            title="US spurns Iraqi request to discuss troop withdrawal",
            text="\n\n".join(wire),
            outlet="reuters.com",
            published="2020-01-10T12:00:00+00:00",
        )
    ]
    if n > 1:
        articles.append(
            Article(
                id=f"story-{n}-001",
                title="US rejects Iraq request to discuss troop withdrawal",
                text=rewrite_text,
                outlet="aljazeera.com",
                published="2020-01-10T15:30:00+00:00",
            )
        )
    for i in range(2, n):
        toll = TOLLS[min(len(TOLLS) - 1, i * len(TOLLS) // n)]
        target = rng.randint(500, 800)
        extra = [_with_toll(s, toll) for s in rng.sample(background, min(30, len(background)))]
        extra = [reword(s, rng) if rng.random() < 0.4 else s for s in extra]
        if rng.random() < 0.25:
            body = [p.replace("US", "U.S.") for p in wire[: len(wire) - rng.randint(0, 5)]]
            body[0] = "BAGHDAD/WASHINGTON (Reuters) - " + body[0]
            while _words(body) < target - 40 and extra:
                body.append(extra.pop())
            body.append("Source: Reuters")
        else:
            body = []
            for sentence in (s for p in wire for s in _sentences(p)):
                roll = rng.random()
                if roll < 0.3:
                    body.append(sentence)
                elif roll < 0.55:
                    body.append(reword(sentence, rng))
                elif roll < 0.7:
                    body.append(trim_quote(sentence, rng))
            while _words(body) < target and extra:
                body.insert(rng.randrange(1, len(body) + 1), extra.pop())
        while _words(body) > 800:
            body.pop(rng.randrange(1, len(body) - 1))
        while _words(body) < 500 and extra:
            body.insert(rng.randrange(1, len(body)), extra.pop())
        dated = i % 25 != 24  # a few outlets print no date
        minutes = 750 + i * 2880 // n  # from 12:30 on the wire's day, over two days
        articles.append(
            Article(
                id=f"story-{n}-{i:03d}",
                title=rng.choice(HEADLINES),
                text="\n\n".join(body),
                outlet=f"outlet{i:03d}.example",
                published=f"2020-01-{10 + minutes // 1440:02d}T{minutes % 1440 // 60:02d}:"
                f"{minutes % 60:02d}:00+00:00"
                if dated
                else None,
            )
        )
    return articles
