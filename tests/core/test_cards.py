"""Reference cards and the default resource directory: content the supporter reads mid-shift."""

from __future__ import annotations

from pathlib import Path

import pytest

from svdesk.content.cards import DIRECTORY_IDS, load_cards, load_directory_defaults
from svdesk.content.loading import ContentError
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.content.resources import read_text


def test_the_bundled_cards_cover_the_conversation_spec() -> None:
    cards = load_cards()
    assert set(cards) == {
        "six_stages",
        "stress_continuum",
        "seven_cs",
        "common_reactions",
        "what_helps",
        "supporter_self_care",
        "crisis_now",
        "brief_screens",
        # added with issue 11 (program texts v2)
        "leader_tier1",
        "just_culture",
        "clinician_crisis",
        "group_support",
    }
    for card in cards.values():
        assert card.title
        assert card.language == "en"
        assert card.sources, card.id
        assert all(s.heading for s in card.sections)


def test_six_stages_card_lists_what_people_ask_at_each_stage() -> None:
    card = load_cards()["six_stages"]
    stages = [s for s in card.sections if s.heading[0].isdigit()]
    assert [s.heading.split(".")[0] for s in stages] == ["1", "2", "3", "4", "5", "6"]
    assert all(any("?" in item for item in s.items) for s in stages)
    assert any("What did I miss?" in item for item in stages[1].items)
    assert any("tripping" in s.heading for s in card.sections)


def test_stress_continuum_card_has_signs_for_each_zone() -> None:
    card = load_cards()["stress_continuum"]
    headings = [s.heading.split(" ")[0] for s in card.sections]
    assert headings[:4] == ["Green", "Yellow", "Orange", "Red"]
    assert all(len(s.items) >= 3 for s in card.sections[:4])


def test_seven_cs_card_has_the_seven_core_actions_in_order() -> None:
    card = load_cards()["seven_cs"]
    assert [s.heading.split(" ")[0] for s in card.sections] == [
        "Check",
        "Coordinate",
        "Cover",
        "Calm",
        "Connect",
        "Competence",
        "Confidence",
    ]


def _write_card(folder: Path, name: str, text: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.toml").write_text(text, encoding="utf-8")


def test_a_card_from_a_folder_loads(tmp_path: Path) -> None:
    _write_card(tmp_path, "six_stages", read_text("cards", "six_stages.toml"))
    assert list(load_cards(tmp_path)) == ["six_stages"]


@pytest.mark.parametrize(
    ("text", "path", "problem"),
    [
        (
            'id = "other"\ntitle = "T"\nlanguage = "en"\nsources = ["s"]\n'
            '[[sections]]\nheading = "H"\nitems = ["a"]\n',
            "id",
            "is 'other' but the file is named card.toml",
        ),
        (
            'id = "card"\ntitle = "T"\nlanguage = "en"\nsources = ["s"]\n',
            "sections",
            "must be a non-empty list",
        ),
        (
            'id = "card"\ntitle = "T"\nlanguage = "en"\nsources = ["s"]\n'
            '[[sections]]\nheading = "H"\nitems = ["a", ""]\n',
            "sections[0].items[1]",
            "must be a non-empty text",
        ),
        (
            'id = "card"\ntitle = "T"\nlanguage = "en"\n'
            '[[sections]]\nheading = "H"\nitems = ["a"]\n',
            "sources",
            "must list at least one source",
        ),
        (
            'id = "card"\ntitle = "T"\nlanguage = "en"\nsources = ["s"]\n'
            '[[sections]]\nheading = "H"\n',
            "sections[0]",
            "needs items or text",
        ),
    ],
)
def test_broken_cards_are_reported_with_file_and_path(
    tmp_path: Path, text: str, path: str, problem: str
) -> None:
    _write_card(tmp_path, "card", text)
    with pytest.raises(ContentError) as err:
        load_cards(tmp_path)
    assert err.value.source == str(tmp_path / "card.toml")
    assert any(where == path and problem in p for where, p in err.value.problems), (
        err.value.problems
    )


def test_default_directory_has_every_service_with_numbers_unset() -> None:
    entries = load_directory_defaults()
    assert [e.id for e in entries if e.id in DIRECTORY_IDS] != []
    assert {e.id for e in entries} >= set(DIRECTORY_IDS)
    assert all(e.number is None for e in entries)  # a unit admin fills them
    assert all(e.label and e.description for e in entries)
    targets = set(load_record_vocabulary().codes("referral_targets"))
    assert all(e.referral_target in targets for e in entries if e.referral_target)


def test_directory_without_emergency_is_refused(tmp_path: Path) -> None:
    text = read_text("directory", "default.toml").replace('id = "emergency"', 'id = "er"')
    path = tmp_path / "directory.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_directory_defaults(path)
    assert ("entries", "has no entry 'emergency'") in err.value.problems


def test_new_cards_carry_their_content_and_primary_sources() -> None:
    cards = load_cards()
    text = {
        cid: " ".join(
            [c.summary, *(s.heading for s in c.sections), *(i for s in c.sections for i in s.items)]
        ).lower()
        for cid, c in cards.items()
    }
    leader = text["leader_tier1"]
    for words in ("relieve them from patient care", "safe way home", "no blame", "peer supporter"):
        assert words in leader, words
    just = text["just_culture"]
    for question in ("how do i document?", "what happens next?", "who can i talk to?"):
        assert question in just, question
    assert any("CANDOR" in s for s in cards["just_culture"].sources)
    crisis = text["clinician_crisis"]
    for words in ("access to medication", "not driving home alone", "own emergency department"):
        assert words in crisis, words
    group = text["group_support"]
    assert "more than five staff" in group
    assert "voluntary" in group
    assert "never a single-session compulsory debriefing" in group
    sources = " ".join(cards["group_support"].sources)
    assert "Cochrane" in sources
    assert "CD000560" in sources
    assert "World Health Organization 2013" in sources


def test_cards_cite_no_mirror_sites() -> None:
    mirrors = ("docest.com", "docsbay.net", "symptomatik.com", "scribd.com", "vdocument")
    for card in load_cards().values():
        for source in card.sources:
            assert not any(m in source for m in mirrors), (card.id, source)
