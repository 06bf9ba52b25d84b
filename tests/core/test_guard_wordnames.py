"""Given names that are also English words ("Hope", "Will", "Grace"), decided from context
(svdesk/unit/guard/wordnames.py). 15 of the 19 name cases, 4 of the clean cases and the e-mail
case failed on the guard before this rule (checked on commit 0e32a1e's guard); the others pin
behaviour that must not regress. Each clean case is the same word used as a word.

The sentences are new (not from either evaluation set), one per context class.
"""

from __future__ import annotations

import pytest

from svdesk.unit.guard import IdentifierGuard

GUARD = IdentifierGuard()

NAMES = [
    # object of a person verb, capitalised or not
    ("Texted Grace the number for OH after the shift", "Grace"),
    ("told will we can meet on thursday", "will"),
    ("Rang Hope back after lunch, she sounded better", "Hope"),
    ("caught up with joy in the canteen", "joy"),
    # subject: a past-tense or reporting verb, or is/was + a state
    ("Dawn is struggling with the nights and the kids", "Dawn"),
    ("Will rang from the car park and didn't want to go in", "Will"),
    ("sunny said the family shouted at her", "sunny"),
    # possessive or 's contraction
    ("Mercy's first night back went ok", "Mercy"),
    # apposition, role in brackets, department
    ("Rose, the ward sister, wants a session for the team", "Rose"),
    ("Blessing (band 5) found the patient", "Blessing"),
    ("hope from nights rang again", "hope"),
    ("Faith in dispensary blames herself for the error", "Faith"),
    # me and X, X and I
    ("me and Precious did the transfer together", "Precious"),
    ("Joy and I sat in the quiet room for a bit", "Joy"),
    # capitalised mid-sentence, and lists
    ("Not sure Hope took any of it in", "Hope"),
    ("Follow up list: Dawn, Joy, Sky", "Dawn"),
    ("Sat with Faith and Grace after the debrief", "Grace"),
    # an unlisted or mistyped-looking word as the object of a person verb
    ("Met Nab in the staff room, he was shaken", "Nab"),
    ("spoke with okwuosa after the arrest", "okwuosa"),
]

CLEAN = [
    "Hope she feels better soon, offered a call next week",
    "Will call back tomorrow after the shift",
    "Will need to rest before the next set of nights",
    "Grace period for the training ends on Friday",
    "RAG rated Amber on the staffing tool all week",
    "Talked for six months about leaving, still unsure",
    "Back on nights next week, wants a call before",
    "She still feels shaky after the arrest",
    "He is a keen hunter and goes out on days off",
    "Talked about the Duty of Candour meeting",
    "She used to work at Mercy Hospital and liked their policy",
    "Grew up in the Hunter Valley and misses it",
    "Gave hope to the family, then the scan came back",
    "Dawn came up before she got home, could not sleep",
    "Joy of the job has gone this winter, she said",
    "Her faith says nurses should carry on, she finds that hard",
    "she laughed about the new scrubs lol",
    "She rose to the occasion during the arrest",
    # an adjective before a role is not an apposition (a bug the first held-out run exposed:
    # "Junior doctor felt ..." was flagged; "Sue the ward manager was ..." needs the "the")
    "Junior doctor felt humiliated on the ward round",
    "junior doctor felt humiliated on the ward round",
]


@pytest.mark.parametrize(("text", "name"), NAMES)
def test_word_name_in_a_person_context_is_found(text: str, name: str) -> None:
    a = text.index(name)
    b = a + len(name)
    found = GUARD.check(text).findings
    assert any(f.kind == "person_name" and f.start < b and a < f.end for f in found), found


@pytest.mark.parametrize("text", CLEAN)
def test_the_same_words_used_as_words_are_not_flagged(text: str) -> None:
    assert GUARD.check(text).findings == ()


def test_email_with_a_webmail_provider_and_no_ending_blocks() -> None:
    result = GUARD.check("email sam_t at hotmail if she misses the call")
    assert result.verdict == "block"
    assert [f.kind for f in result.findings] == ["email"]
    assert GUARD.check("we met at 3 at the hotel").verdict == "ok"
