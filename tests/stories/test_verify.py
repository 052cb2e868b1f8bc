from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from storylens.model import Article
from storylens.stories.features import featurize, story_analyzer
from storylens.stories.grouping import StoryGrouper
from storylens.stories.verify import opening

Encoder = Callable[[list[str]], np.ndarray]

# Same base, same actors, same wording, published a day apart; only the day the leads name says
# two different attacks (the first a late report of the January one).
ATTACKS = [
    Article(
        title="Rockets hit Ain al-Asad air base in western Iraq, US officials say",
        text=(
            "Several rockets struck the Ain al-Asad air base in Iraq's Anbar province on "
            "January 13, US officials said. Iran-backed militias claimed the attack on the "
            "base, which hosts US and Iraqi troops. A number of Iraqi personnel were injured and "
            "damage to the base was being assessed, the Pentagon said."
        ),
        id="attack-january",
        published="2024-03-14",
    ),
    Article(
        title="Rocket attack targets Ain al-Asad base in Iraq housing US troops",
        text=(
            "Iran-backed militias fired rockets at the Ain al-Asad air base in Anbar province "
            "on March 14, according to US officials. The base hosts US and Iraqi forces. The "
            "Pentagon said Iraqi personnel were hurt in the attack and that it was assessing the "
            "damage to the base in western Iraq."
        ),
        id="attack-march",
        published="2024-03-15",
    ),
]


def test_opening_rebuilds_headline_and_lead(fake_encoder: Encoder) -> None:
    article = Article(
        title="Head", text="Head\n\nBody   text " + "x" * 5000, published="2024-01-02"
    )
    rebuilt = opening(
        featurize([article], story_analyzer(encoder=fake_encoder))[0], article.published
    )
    assert rebuilt.title == "Head" and rebuilt.text.startswith("Body text")
    assert rebuilt.id == article.id and rebuilt.published == "2024-01-02"
    assert len(rebuilt.text) < 2000


@pytest.mark.slow
def test_scoring_model_vetoes_a_link_the_light_decision_makes(encoder: Encoder) -> None:
    light = StoryGrouper(encoder=encoder, verify=False).fit(ATTACKS)
    assert light.decision.score(*(r.features for r in light.rows_)) >= light.decision.threshold
    assert len(set(light.labels_)) == 1  # topic, names and numbers all agree
    verified = StoryGrouper(encoder=encoder).fit(ATTACKS)
    assert len(set(verified.labels_)) == 2  # the leads date two different attacks


@pytest.mark.slow
def test_verification_keeps_reports_of_one_attack_together(encoder: Encoder) -> None:
    march = ATTACKS[1]
    retold = Article(
        title=march.title,
        text=march.text.replace("March 14", "January 13"),
        id="attack-january-retold",
        published=march.published,
    )
    grouper = StoryGrouper(encoder=encoder).fit([ATTACKS[0], retold])
    assert len(set(grouper.duplicate_groups_)) == 2  # not copies: the model is what decides
    assert len(set(grouper.labels_)) == 1
