"""A real story store in a temp folder, filled with two stories' worth of articles."""

from __future__ import annotations

from pathlib import Path

from storylens.model import Article

XSS = "<script>alert(1)</script>"

ELECTION = (
    "The electoral commission of Valdoria announced on Sunday that Prime Minister Ana Ruiz "
    "won 54 percent of the vote in the national election.\n\n"
    "Turnout reached 71 percent, the commission said, the highest since 1998. "
    "Opposition leader Marco Diaz conceded defeat in a speech in the capital, Santa Clara."
)


def sample_articles(wire: Path, rewrite: Path) -> list[Article]:
    """The Reuters wire story and its Al Jazeera rewrite, and three election reports."""
    from storylens.read import iter_articles

    seeds = [a for a in iter_articles([str(wire), str(rewrite)]) if isinstance(a, Article)]
    assert len(seeds) == 2, "the seed files could not be read"
    seeds[0].title = seeds[0].title or "US rejects Iraqi request to discuss troop withdrawal"
    seeds[0].outlet, seeds[0].published = "Reuters", "2020-01-10T18:00:00Z"
    seeds[1].outlet, seeds[1].published = "Al Jazeera", "2020-01-11T09:30:00Z"
    election = [
        Article(
            title="Ana Ruiz wins Valdoria election with 54 percent",
            text=ELECTION,
            outlet="AP",
            published="2024-06-09T20:00:00Z",
        ),
        Article(
            title=f"Valdoria election: Ruiz wins {XSS}",
            text=ELECTION.replace("on Sunday", "late on Sunday"),
            outlet="Valdoria Post",
            published="2024-06-10T07:00:00Z",
        ),
        Article(
            title="Ruiz re-elected in Valdoria as Diaz concedes",
            text=ELECTION.replace("54 percent", "54 per cent"),
            outlet="BBC",
            published="2024-06-10T11:00:00Z",
        ),
    ]
    return [*seeds, *election]
