"""``story_view(articles)``: the facts, numbers, lineage and outlets of one story.

Articles are put oldest first, undated ones last in the order given, and everything below reads
"earlier" as "lower index". Articles in a language other than the story's main one are matched
among themselves, then to the main language's facts through a dictionary's English gloss
(:mod:`.bridging`) where one joins the two; the view says which.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import PurePath

from storylens.analyze.analyzer import Analyzer
from storylens.analyze.document import Analysis
from storylens.analyze.models import Models
from storylens.compare.align import sentence_side
from storylens.compare.words import tokens
from storylens.leads import label
from storylens.model import Article
from storylens.storyview import bridging
from storylens.storyview import claims as claim_step
from storylens.storyview import facts as fact_step
from storylens.storyview import lineage as lineage_step
from storylens.storyview import numbers as number_step
from storylens.storyview import quotes as quote_step
from storylens.storyview.model import (
    LineageLink,
    NumberGroup,
    NumberValue,
    OutletView,
    StoryView,
    ViewArticle,
)
from storylens.storyview.spans import FoldedText

#: a sentence this much made of a quote is that quote's fact, not a claim of its own
QUOTE_SENTENCE_SHARE = 0.5
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def when(published: str | None) -> datetime | None:
    """A publication time as a naive UTC datetime; partial dates ("2022-05") at their start."""
    if not published:
        return None
    try:
        stamp = datetime.fromisoformat(published.replace("Z", "+00:00"))
        return stamp.astimezone(UTC).replace(tzinfo=None) if stamp.tzinfo else stamp
    except ValueError:
        pass
    match = _PARTIAL.match(published)
    if not match:
        return None
    try:
        return datetime(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return None


def outlet_name(article: Article) -> str:
    """An outlet's name, else the file the article came from, else its id."""
    if article.outlet:
        return article.outlet
    if article.source:
        return PurePath(article.source.rsplit(":", 1)[0]).name or article.source
    return article.id


def chronological(articles: Sequence[Article]) -> list[Article]:
    order = sorted(
        range(len(articles)),
        key=lambda i: (when(articles[i].published) is None, when(articles[i].published) or 0, i),
    )
    return [articles[i] for i in order]


def _language_groups(articles: Sequence[Article]) -> tuple[list[int], list[str]]:
    """Each article's language group (0: the story's main language) and each group's language."""
    langs = [a.language for a in articles]
    main = Counter(x for x in langs if x).most_common(1)
    main_lang = main[0][0] if main else None
    names = [main_lang or ""]
    groups: list[int] = []
    for lang in langs:
        key = lang if lang and lang != main_lang else names[0]
        if key not in names:
            names.append(key)
        groups.append(names.index(key))
    return groups, names


def _language_notes(
    groups: Sequence[int], names: Sequence[str], joined: Mapping[int, str]
) -> list[str]:
    """What the view says of articles in another language: bridged to the main one's facts
    through a dictionary, or keeping their own facts."""
    notes = []
    for bridged in (True, False):
        counts = Counter(names[g] for g in groups if g and (g in joined) == bridged)
        if not counts:
            continue
        listed = ", ".join(f"{n} in {lang}" for lang, n in sorted(counts.items()))
        if bridged:
            methods = ", ".join(sorted({joined[g] for g in groups if g in joined}))
            notes.append(
                f"{sum(counts.values())} article(s) in another language ({listed}) are matched "
                f"to the facts in {names[0]} through a word-for-word English gloss ({methods}): "
                "their carriers are marked translated."
            )
        else:
            notes.append(
                f"{sum(counts.values())} article(s) in another language ({listed}) have their "
                f"own facts: no installed dictionary joins them to {names[0]}, so their facts "
                f"are matched only among themselves."
            )
    return notes


def _quote_sentences(analysis: Analysis) -> set[int]:
    """Sentences that are mostly one quote: the quote is their fact."""
    out: set[int] = set()
    for q in analysis.quotes:
        if len(quoted := tokens(q.text)) < quote_step.MIN_QUOTE_WORDS:
            continue
        if 0 <= q.sentence < len(analysis.sentences):
            words = tokens(analysis.sentences[q.sentence].text)
            if words and len(quoted) / len(words) >= QUOTE_SENTENCE_SHARE:
                out.add(q.sentence)
    return out


def _number_groups(
    articles: Sequence[ViewArticle],
    by_value: Mapping[number_step.ValueKey, list[number_step.Reading]],
) -> list[NumberGroup]:
    """Quantities reported with two or more values by two or more articles."""
    per: dict[tuple[int, str], list[NumberValue]] = defaultdict(list)
    for (group, quantity, value), found in by_value.items():
        found = sorted(found, key=lambda r: r.article)
        dated = [articles[r.article].published for r in found if articles[r.article].published]
        per[(group, quantity)].append(
            NumberValue(
                value=value,
                unit=found[0].unit,
                text=found[0].text,
                articles=[articles[r.article].id for r in found],
                outlets=list(dict.fromkeys(articles[r.article].outlet for r in found)),
                first_published=dated[0] if dated else None,
            )
        )
    out: list[NumberGroup] = []
    for (_, quantity), values in per.items():
        if len(values) < 2 or len({a for v in values for a in v.articles}) < 2:
            continue
        values.sort(key=lambda v: (when(v.first_published) is None, when(v.first_published) or 0))
        out.append(NumberGroup(quantity, values))
    out.sort(key=lambda g: (-len(g.values), g.quantity))
    return out


def _outlets(
    view_articles: Sequence[ViewArticle],
    drafts: Sequence[fact_step.Draft],
    shares: Sequence[tuple[int, int]],
    groups: Sequence[int],
) -> list[OutletView]:
    members: dict[str, list[int]] = defaultdict(list)
    for i, art in enumerate(view_articles):
        members[art.outlet].append(i)
    carried_by = [set(d.fact.outlets) for d in drafts]
    out: list[OutletView] = []
    for outlet, indices in members.items():
        own = sum(shares[i][0] for i in indices)
        total = sum(shares[i][1] for i in indices)
        its_groups = {groups[i] for i in indices}
        peers = {a.outlet for i, a in enumerate(view_articles) if groups[i] in its_groups} - {
            outlet
        }
        only_here, missing = [], []
        for d, carried in zip(drafts, carried_by, strict=True):
            if carried == {outlet}:
                only_here.append(d.fact.id)
            elif (
                outlet not in carried
                and d.group in its_groups
                # widely carried: by two outlets or more, and by most of the others
                and len(carried) >= 2
                and len(carried & peers) * 2 > len(peers)
            ):
                missing.append(d.fact.id)
        out.append(
            OutletView(
                outlet=outlet,
                articles=[view_articles[i].id for i in indices],
                own_share=own / total if total else 0.0,
                only_here=only_here,
                missing=missing,
            )
        )
    return out


def story_view(
    articles: Sequence[Article],
    story_id: str | None = None,
    title: str | None = None,
    duplicate_groups: Mapping[str, str] | None = None,
    analyses: Sequence[Analysis] | None = None,
    analyzer: Analyzer | None = None,
) -> StoryView:
    """The story view of a set of articles about one event.

    ``duplicate_groups`` maps article ids to wire-copy groups (as a store keeps them); without it
    they are found here. ``analyses`` (any order) skip analysing the articles again; otherwise
    ``analyzer`` (a fresh one when None) analyses them.
    """
    ordered = chronological(articles)
    if analyses is not None:
        by_id = {a.article.id: a for a in analyses}
        done = [by_id[a.id] for a in ordered]
    else:
        done = list((analyzer or Analyzer()).stream(ordered))
    if duplicate_groups is None:
        from storylens.stories.dedup import find_duplicates

        found = find_duplicates([f"{a.title}\n{a.text}" for a in ordered], [a.id for a in ordered])
        duplicate_groups = dict(zip([a.id for a in ordered], found, strict=True))
    # the models that analysed the articles also encode the facts joined across languages
    models = analyzer.models if analyzer is not None else None
    view = _view(done, duplicate_groups, story_id, title, models)
    # Articles with the same time (or none) are in the order given until the lineage says who
    # took from whom; then a source goes before the articles taken from it, and the facts'
    # first carriers and own shares follow.
    depth = _depths(view.lineage)
    again = sorted(
        range(len(done)),
        key=lambda i: (
            when(done[i].article.published) is None,
            when(done[i].article.published) or 0,
            depth[done[i].article.id],
            i,
        ),
    )
    if again != list(range(len(done))):
        view = _view([done[i] for i in again], duplicate_groups, story_id, title, models)
    return view


def _depths(links: Sequence[LineageLink]) -> dict[str, int]:
    """How many sources lie above each article in the derivation graph."""
    parent = {link.article: link.derived_from for link in links}
    out: dict[str, int] = {}
    for article in parent:
        seen, node = {article}, parent[article]
        while node is not None and node not in seen:
            seen.add(node)
            node = parent.get(node)
        out[article] = len(seen) - 1
    return out


def _view(
    done: Sequence[Analysis],
    duplicate_groups: Mapping[str, str],
    story_id: str | None,
    title: str | None,
    models: Models | None = None,
) -> StoryView:
    ordered = [a.article for a in done]
    groups, names = _language_groups(ordered)
    joined = bridging.joined_groups(names, names[0] or None)
    notes = _language_notes(groups, names, joined)
    view_articles = [
        ViewArticle(
            id=a.id,
            outlet=outlet_name(a),
            title=a.title,
            published=a.published,
            url=a.url,
            duplicate_group=duplicate_groups.get(a.id, a.id),
            language=a.language,
            label=label(a.title, a.text),
        )
        for a in ordered
    ]
    folded = [FoldedText(a.text) for a in ordered]
    skip = [_quote_sentences(a) for a in done]
    # each sentence's words once, for the claims, the lineage and the own shares alike
    sides = [sentence_side(a) for a in done]
    words = [[len(w) for w in side.words] for side in sides]
    claims = claim_step.find_claims(done, sides, groups, skip)
    quotes = quote_step.find_quotes(done, groups, folded)
    read, number_groups = bridging.number_readings(
        done, [a.language for a in ordered], groups, joined
    )
    by_value = number_step.by_value(read, number_groups)
    drafts = fact_step.rank(
        bridging.join_facts(
            fact_step.claim_facts(done, view_articles, claims, groups)
            + fact_step.quote_facts(done, view_articles, quotes, groups)
            + fact_step.number_facts(done, view_articles, by_value),
            names,
            {a.id: i for i, a in enumerate(ordered)},
            groups,
            joined,
            models,
        )
    )
    reused = lineage_step.reused_by_claims(done, claims)
    for quote in quotes:
        for carrier in quote.carriers[1:]:
            analysis = done[carrier.article]
            reused[carrier.article].update(
                s.index
                for s in analysis.sentences
                if s.start < carrier.span[1] and carrier.span[0] < s.end
            )
    shares = lineage_step.own_shares(words, reused)
    dup = [v.duplicate_group for v in view_articles]
    if any(when(a.published) is None for a in ordered):
        notes.append("Undated articles are ordered last; a fact they carry first is marked.")
    return StoryView(
        id=story_id or _files_id(ordered),
        title=(title or "").strip() or _title(view_articles),
        articles=view_articles,
        facts=[d.fact for d in drafts],
        numbers=_number_groups(view_articles, by_value),
        lineage=lineage_step.lineage(done, claims, dup, words),
        outlets=_outlets(view_articles, drafts, shares, groups),
        notes=notes,
    )


def _files_id(articles: Sequence[Article]) -> str:
    digest = hashlib.sha1("\n".join(sorted(a.id for a in articles)).encode("utf-8"))
    return "files-" + digest.hexdigest()[:10]


def _title(articles: Sequence[ViewArticle]) -> str:
    titled = [a for a in articles if a.title.strip()]
    return (titled[0] if titled else articles[0]).label if articles else ""
