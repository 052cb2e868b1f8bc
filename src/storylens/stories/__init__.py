"""Group articles into stories (events), with wire-copy groups inside and stable story ids."""

from __future__ import annotations

import logging

from storylens.stories.dedup import DuplicateIndex, find_duplicates
from storylens.stories.evaluate import BCubed, baseline_labels, bcubed
from storylens.stories.grouping import StoryGrouper, group_stories
from storylens.stories.store import StoreBusy, StoryStore

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "BCubed",
    "DuplicateIndex",
    "StoreBusy",
    "StoryGrouper",
    "StoryStore",
    "baseline_labels",
    "bcubed",
    "find_duplicates",
    "group_stories",
]
