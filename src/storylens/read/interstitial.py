"""Pages a site serves in place of an article: a block for too many requests, a robot check, an
ad-block wall.

A crawler that is blocked still saves a page, and such pages come in batches (sixteen SemEval-2022
train articles hold one Polish "too many connections from your IP" page instead of their text).
Read as articles they share every word, so they look like copies of one another and join a story
no outlet wrote. They are short and say what they are, so a page whose whole text is short and
holds one of these phrases is not read as an article; a long text that quotes a phrase (a report
on ad blockers) is.
"""

from __future__ import annotations

import re

from storylens.model import Article

#: characters of title and text over which a page is an article whatever phrase it holds: the
#: walls met in the wild run to a few hundred
MAX_CHARS = 1_000

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "a block page for too many requests",
        re.compile(
            r"\b(?:huge|large|unusual) (?:amount|number) of (?:connections|requests)"
            r"|\bunusual traffic from your (?:computer )?network"
            r"|\btoo many requests\b"
            r"|ogromn\w+ (?:ilość|liczb\w) połączeń",
            re.IGNORECASE,
        ),
    ),
    (
        "a robot check",
        re.compile(
            r"\bi(?:[’']m| am) not a robot\b|\bnie jestem robotem\b|\bich bin kein roboter\b"
            r"|\bno soy un robot\b|\bje ne suis pas un robot\b|\bnon sono un robot\b"
            r"|\bverify (?:that )?you are (?:a )?human\b|\bchecking your browser before accessing\b"
            r"|\benable javascript and cookies to continue\b",
            re.IGNORECASE,
        ),
    ),
    (
        "an ad-block wall",
        re.compile(
            r"\b(?:disable|turn off|switch off|wyłącz) (?:your )?ad-?block"
            r"|\bad-?block(?:er)? (?:detected|is on)\b"
            r"|\b(?:you are|you[’']re|are you) using (?:an? )?ad-?block"
            r"|\b(?:używasz|korzystasz z) ad-?block",
            re.IGNORECASE,
        ),
    ),
)


def interstitial(article: Article) -> str | None:
    """What the page is instead of an article (``"a robot check"``), or None for an article."""
    text = f"{article.title}\n{article.text}"
    if len(text) > MAX_CHARS:
        return None
    for kind, phrases in _KINDS:
        if phrases.search(text):
            return kind
    return None


def refusal(article: Article) -> str | None:
    """Why reading refuses the page (``"not an article: the page is a robot check"``), or None
    for an article: the one message every reader, the web app and ``eval stories`` give."""
    kind = interstitial(article)
    return f"not an article: the page is {kind}" if kind else None


def an_article(article: Article) -> Article:
    """``article``, or ValueError when its page is served in place of one (for one record that
    comes alone, from the web app)."""
    refused = refusal(article)
    if refused:
        raise ValueError(refused)
    return article
