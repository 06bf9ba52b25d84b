"""Issue 12, third round: classes of clean words the guard took for names (medicine names,
phrases of several words, texting with the vowels dropped, eponyms before a device or a
clinical noun, regional words), each with the names that must still be found beside them."""

from __future__ import annotations

import pytest

from svdesk.unit.guard import check
from svdesk.unit.guard.lexicon import _name_data
from svdesk.unit.guard.vocab import _phrases, shorthand


def _kinds(note: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in check(note).findings]


@pytest.mark.parametrize(
    "note",
    [
        # medicine names (resources/names/medicine_names.txt)
        "Cipro and Flagyl started late, the team feels guilty",
        "Toradol and Motrin together, small error",
        "Lasix and Zofran had been mixed up earlier",
        "she was on Keppra and Dilantin, seizure on the ward",
        "Levophed and Vaso maxed, family wanted everything",
        # phrases of several words (resources/names/safe_phrases.txt)
        "Eid al-Adha off after the weekend, good timing",
        "Guru Nanak Jayanti at the gurdwara, she wants to pray",
        "Karwa Chauth fast on a night shift, she felt faint",
        "Ramadan Mubarak card from the ward to the team",
        "she went to Simbang Gabi and felt a bit better",
        "Tim Hortons run, she's doing better",
        "grabbed a coffee at Gloria Jean's and had a yarn",
        "Bair Hugger wasn't on, patient got cold",
        "Rosh Hashanah dinner missed because of nights",
        # texting with the vowels dropped
        "tlk agn nxt wk, she is still sad",
        "ok now, tlkd 20 mins, will chk in tmrw",
        "v upset, cried, bttr by end, f/u 1 wk",
        "grp debrief went ok, 8 ppl, most fine",
        "she's ok-ish, wnts to tlk agn after nights",
        # an eponym before a device or a clinical noun
        "Yankauer suction wasn't set up, she feels it cost time",
        "Fournier's Gangrene patient died, the team feels slow",
        "worried about Hashimoto's thyroiditis flare",
        # regional words, people nouns and adverbs that are also listed names
        "she said the matatu ride home was when she broke down",
        "she is gatvol with the staffing, no safety worries",
        "ahpra notification, she is terrified",
        "the 81 yo man who fell was her patient",
        "Panadol and Nurofen, no harm, still feels sick about it",
    ],
)
def test_clean_vocabulary_is_not_a_name(note: str) -> None:
    assert _kinds(note) == []


@pytest.mark.parametrize(
    ("note", "name"),
    [
        ("Camila from pharmacy rang about it", "Camila"),  # a brand name, and a given name
        ("pt Camila upset after the fall", "Camila"),
        ("Tim said he is fine", "Tim"),  # "Tim Hortons" only as the whole phrase
        ("Guru Nanak Jayanti at the gurdwara with Simran Kaur", "Simran Kaur"),
        ("Dr Yankauer was upset", "Yankauer"),
        ("spoke to Zzq today", "Zzq"),  # an unknown capitalised word with no vowel
        ("checked in on (kana) by phone", "kana"),
        ("paloma g asked for a f/u call", "paloma"),  # not a clinical word for its ending
    ],
)
def test_names_beside_the_new_vocabulary_are_still_found(note: str, name: str) -> None:
    assert ("person_name", name) in _kinds(note)


def test_shorthand_needs_no_vowel_and_no_listed_name() -> None:
    data = _name_data()
    assert shorthand("tlk", "tlk", data)
    assert shorthand("agn", "agn", data)  # a vowel first: the skeleton of "again"
    assert shorthand("Tlk", "tlk", data)
    assert not shorthand("Zzq", "zzq", data)  # capitalised and no English skeleton
    assert not shorthand("ann", "ann", data)  # a listed name
    assert not shorthand("Mrs", "mrs", data)
    assert not shorthand("gunnar", "gunnar", data)


def test_phrase_file_has_phrases_and_single_words() -> None:
    by_first, single = _phrases()
    assert ("eid", "al-adha") in by_first["eid"]
    assert ("tim", "hortons") in by_first["tim"]
    assert "tim" not in single


def test_medicine_list_keeps_out_listed_names() -> None:
    data = _name_data()
    assert "flagyl" in data.medicines
    assert "toradol" in data.medicines
    # brand names that are also listed given names stay names
    for name in ("allegra", "angelica", "kendrick"):
        assert data.listed(name)
        assert name not in data.medicines
