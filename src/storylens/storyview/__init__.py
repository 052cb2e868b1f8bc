"""The story view: every fact of one story, which outlets carried it and how, who was first,
which numbers disagree or develop, and who took text from whom.

>>> from storylens.storyview import story_view
>>> view = story_view(articles)
>>> view.to_dict()["facts"][0]["carried_by"]
"""

from storylens.leads import label, lead
from storylens.storyview.build import story_view
from storylens.storyview.listing import StoryList, StorySummary
from storylens.storyview.model import (
    Carrier,
    Fact,
    First,
    LineageLink,
    NumberGroup,
    NumberValue,
    OutletView,
    StoryView,
    ViewArticle,
)

__all__ = [
    "Carrier",
    "Fact",
    "First",
    "LineageLink",
    "NumberGroup",
    "NumberValue",
    "OutletView",
    "StoryList",
    "StorySummary",
    "StoryView",
    "ViewArticle",
    "label",
    "lead",
    "story_view",
]
