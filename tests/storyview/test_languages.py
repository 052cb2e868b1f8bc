"""An article in another language gets its own facts until facts match across languages."""

from __future__ import annotations

from storylens.model import Article
from storylens.storyview import story_view

EN = (
    "At least 22 people were killed when a tornado struck the town of Millbrook on Tuesday, "
    "county officials said.\n\nThe storm flattened homes along the river."
)
DE = (
    "Mindestens 22 Menschen wurden getötet, als ein Tornado am Dienstag die Stadt Millbrook "
    "traf, teilten die Behörden mit.\n\nDer Sturm zerstörte Häuser am Fluss."
)


def test_other_language_articles_have_their_own_facts_and_the_view_says_so() -> None:
    articles = [
        Article(id="en-1", text=EN, outlet="a.example", language="en", published="2023-03-07"),
        Article(id="en-2", text=EN, outlet="b.example", language="en", published="2023-03-07"),
        Article(id="de-1", text=DE, outlet="c.example", language="de", published="2023-03-07"),
    ]
    view = story_view(articles)
    assert any("1 article(s) in another language (1 in de)" in note for note in view.notes)
    for fact in view.facts:
        carriers = {c.article for c in fact.carried_by}
        assert carriers <= {"en-1", "en-2"} or carriers == {"de-1"}, fact
    assert any({c.article for c in f.carried_by} == {"en-1", "en-2"} for f in view.facts)
    assert any({c.article for c in f.carried_by} == {"de-1"} for f in view.facts)
    german = next(o for o in view.outlets if o.outlet == "c.example")
    # an English fact is no blind spot of a German outlet
    assert german.missing == []
