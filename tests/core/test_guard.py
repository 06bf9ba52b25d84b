"""Identifier guard: each kind found and not over-found, offsets on the text as typed."""

from __future__ import annotations

import pytest

from svdesk.unit.guard import (
    BLOCKING,
    KINDS,
    MAX_NOTE_CHARS,
    Finding,
    GuardResult,
    IdentifierGuard,
    check,
)


def kinds(text: str, roster: tuple[str, ...] = ()) -> set[str]:
    return {f.kind for f in check(text, roster).findings}


def found(text: str, kind: str, roster: tuple[str, ...] = ()) -> list[str]:
    """The matched pieces of `text` of one kind, read back through the reported offsets."""
    return [text[f.start : f.end] for f in check(text, roster).findings if f.kind == kind]


def test_contract_constants() -> None:
    assert KINDS == (
        "email", "phone", "url", "mrn", "ssn", "long_number", "id_label", "date",
        "age_over_89", "address", "person_name", "roster_name",
    )  # fmt: skip
    assert frozenset({"email", "phone", "url", "mrn", "ssn", "long_number", "id_label"}) == BLOCKING
    assert MAX_NOTE_CHARS == 280


# --- blocking kinds -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to anna.smith@nhs.net tomorrow", "anna.smith@nhs.net"),
        ("J_Okafor+work@hospital.org.uk said", "J_Okafor+work@hospital.org.uk"),
        ("it is anna at host dot com", "anna at host dot com"),
        ("kowalski(at)gmail(dot)com", "kowalski(at)gmail(dot)com"),
        ("mail jo [at] trust [dot] nhs [dot] uk now", "jo [at] trust [dot] nhs [dot] uk"),
        ("send to anna @ nhs . net", "anna @ nhs . net"),
    ],
)
def test_email_found(text: str, expected: str) -> None:
    assert found(text, "email") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "met her at home. Dot was the cat",
        "talked at length about the shift",
        "@ 3 am the alarm went off",
        "rate 2 @ 5 ml/hr",
    ],
)
def test_email_not_found(text: str) -> None:
    assert "email" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call (555) 123-4567 later", "(555) 123-4567"),
        ("call 555.123.4567 later", "555.123.4567"),
        ("call 555-123-4567 ext. 22", "555-123-4567 ext. 22"),
        ("ring +44 20 7946 0018 today", "+44 20 7946 0018"),
        ("mobile 07700 900123", "07700 900123"),
        ("on 0161 496 0000", "0161 496 0000"),
        ("try 1-800-555-0199", "1-800-555-0199"),
        ("dial 555-1234 now", "555-1234"),
        ("bleep 2231 if worse", "bleep 2231"),
        ("extension 4412 after 5", "extension 4412"),
    ],
)
def test_phone_found(text: str, expected: str) -> None:
    assert found(text, "phone") == [expected]
    assert check(text).verdict == "block"


@pytest.mark.parametrize(
    "text",
    [
        "shift 0700-1930 was long",
        "called 2222 for the arrest",
        "rang 111 for advice",
        "gave 2 x 500 mg",
        "at 03:10 the monitor alarmed",
        "BP 120/80, HR 110",
        "aged 45, 10 years qualified",
        "10,000 units of heparin",
    ],
)
def test_no_blocking_finding_in_ordinary_numbers(text: str) -> None:
    assert check(text).verdict == "ok", check(text).findings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see www.example.com for it", "www.example.com"),
        ("link https://x.org/a?b=1.", "https://x.org/a?b=1"),
        ("page facebook.com/smith.memorial now", "facebook.com/smith.memorial"),
        ("blog smithfamily.co.uk says", "smithfamily.co.uk"),
        ("site example dot com", "example dot com"),
    ],
)
def test_url_found(text: str, expected: str) -> None:
    assert found(text, "url") == [expected]


@pytest.mark.parametrize("text", ["e.g. rest", "i.e. the ward", "slept 7.5 hours", "file.txt"])
def test_url_not_found(text: str) -> None:
    assert "url" not in kinds(text)


def test_email_is_not_also_reported_as_url() -> None:
    assert kinds("anna@example.com") == {"email"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MRN 12345678 on the form", "12345678"),
        ("MRN: A1234567.", "A1234567"),
        ("hospital number 1234567", "1234567"),
        ("NHS number 943 476 5919", "943 476 5919"),
        ("it was H1234567 again", "H1234567"),
        ("ref RX-123456 there", "RX-123456"),
    ],
)
def test_mrn_found(text: str, expected: str) -> None:
    assert expected in found(text, "mrn")
    assert check(text).verdict == "block"


@pytest.mark.parametrize(
    "text",
    ["in case no one calls", "a record number of admissions", "unit no longer open", "COVID19"],
)
def test_mrn_and_label_not_found_in_prose(text: str) -> None:
    assert check(text).verdict == "ok", check(text).findings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SSN 123-45-6789", "123-45-6789"),
        ("number 123 45 6789 read out", "123 45 6789"),
        ("NI AB 12 34 56 C given", "AB 12 34 56 C"),
    ],
)
def test_ssn_found(text: str, expected: str) -> None:
    assert found(text, "ssn") == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ref 12345678 filed", "12345678"),
        ("wrote 1 2 3 4 5 6 7 8", "1 2 3 4 5 6 7 8"),
        ("said 1062 0084", "1062 0084"),
        ("read four five six one two three nine aloud", "four five six one two three nine"),
    ],
)
def test_long_number_found(text: str, expected: str) -> None:
    assert found(text, "long_number") == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MRN: on the sticker", "MRN"),
        ("the DOB was wrong", "DOB"),
        ("D.O.B. missing", "D.O.B"),
        ("date of birth wrong", "date of birth"),
        ("patient in bed 12 died", "bed 12"),
        ("moved to room 4B", "room 4B"),
        ("pt # on the form", "pt #"),
        ("ID: on the band", "ID"),
        ("her SSN was read out", "SSN"),
    ],
)
def test_id_label_found(text: str, expected: str) -> None:
    assert found(text, "id_label") == [expected]
    assert check(text).verdict == "block"


@pytest.mark.parametrize(
    "text", ["went to bed early", "no room for error", "I'd like a break", "ID team review"]
)
def test_id_label_not_found(text: str) -> None:
    assert "id_label" not in kinds(text)


# --- warn kinds -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("died 3/14 at night", "3/14"),
        ("since 14 March things changed", "14 March"),
        ("on March 14th 2024 it began", "March 14th 2024"),
        ("on 2024-03-14 it began", "2024-03-14"),
        ("on 14/03/2024 it began", "14/03/2024"),
        ("the 14th of March", "14th of March"),
        ("from Sept. 9, 2023 on", "Sept. 9, 2023"),
        ("in June 2023", "June 2023"),
    ],
)
def test_date_found_and_warns(text: str, expected: str) -> None:
    assert found(text, "date") == [expected]
    assert check(text).verdict == "warn"


@pytest.mark.parametrize(
    "text",
    [
        "follow up Thursday",
        "back in March",
        "24/7 cover",
        "pain 8/10",
        "sleep rated 4/10",
        "about 2/3 of staff",
        "may 2 staff attend",
        "at 3 am for 2 weeks",
    ],
)
def test_date_not_found(text: str) -> None:
    assert "date" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a 92 yo lady", "92 yo"),
        ("man aged 95 fell", "aged 95"),
        ("the 95-year-old man", "95-year-old"),
        ("was 101 years old", "101 years old"),
        ("aged ninety-two", "aged ninety-two"),
        ("pt 93F", "93F"),
    ],
)
def test_age_over_89_found(text: str, expected: str) -> None:
    assert found(text, "age_over_89") == [expected]


@pytest.mark.parametrize("text", ["a 45 yo man", "aged 89", "an 80-year-old", "for 90 minutes"])
def test_age_not_over_89(text: str) -> None:
    assert "age_over_89" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("found at 12 Baker Street", "12 Baker Street"),
        ("lives at 221B Elm Road", "221B Elm Road"),
        ("lives on Maple Avenue", "Maple Avenue"),
        ("post to PO Box 44", "PO Box 44"),
        ("near SW1A 1AA", "SW1A 1AA"),
        ("Boston, MA 02115", "MA 02115"),
    ],
)
def test_address_found(text: str, expected: str) -> None:
    assert found(text, "address") == [expected]


def test_address_not_confused_with_a_title() -> None:
    assert "address" not in kinds("saw 3 patients with Dr Patel")


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Spoke with Mrs Jones today", ["Jones"]),
        ("patient Smith died", ["Smith"]),
        ("pt Okonkwo was upset", ["Okonkwo"]),
        ("Dr. Patel was there", ["Patel"]),
        ("a boy called Anna", ["Anna"]),
        ("Anna was upset after the arrest", ["Anna"]),
        ("Colleague and Sarah Connolly talked", ["Sarah Connolly"]),
        ("worried that Kowalczyk will complain", ["Kowalczyk"]),
        ("talked about Maria Garcia's family", ["Maria Garcia's"]),
        ("Mr J. Smith fell", ["J. Smith"]),
        ("talked to sarah about it", ["sarah"]),
        ("Nurse Grace was kind", ["Grace"]),
        ("a baby named Hope", ["Hope"]),
        ("Grace Okafor was on shift", ["Grace Okafor"]),
        ("Will Turner took over", ["Will Turner"]),
    ],
)
def test_person_name_found(text: str, expected: list[str]) -> None:
    assert found(text, "person_name") == expected
    assert check(text).verdict == "warn"


@pytest.mark.parametrize(
    "text",
    [
        "Will follow up Thursday.",
        "Hope she rests this weekend.",
        "Handled it with grace under pressure.",
        "May need more support.",
        "Faith and family are a support.",
        "Joy has gone out of the job.",
        "Bill for parking was the last straw.",
        "Mark the anniversary with the team?",
        "Rose to the occasion during the arrest.",
        "Art group helps. Sue the hospital? No.",
        "Pat on the back from the consultant.",
        "Max dose of morphine given.",
        "Young colleague, first year qualified.",
        "Long shift, near miss. Shared the card.",
        "Security called after the incident.",
        "Discussed Schwartz Rounds and the Datix process.",
        "Escalated to Outreach and then ICU.",
        "Code Blue, Rapid Response team attended.",
        "Gave heparin, warfarin and insulin.",
        "Dr on call was supportive; Sister in charge too.",
        "Colleague mentioned Christmas and Easter rota stress.",
        "Attended the Morbidity and Mortality meeting on Tuesday.",
        "Talked about the Duty of Candour meeting.",
        "Reflected on Human Factors. Parkinson's disease patient.",
        "Colleague from Manchester, new to the Trust.",
    ],
)
def test_words_that_are_names_are_not_flagged(text: str) -> None:
    assert check(text).verdict == "ok", check(text).findings


# --- roster ---------------------------------------------------------------------------------

ROSTER = ("Anna Kowalski", "Will Turner", "Dr Sam Lee")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Conflict with Anna Kowalski since", "Anna Kowalski"),
        ("Kowalski was in charge", "Kowalski"),
        ("felt unsupported by Anna during", "Anna"),
        ("spoke with will turner later", "will turner"),
        ("Lee was in charge", "Lee"),
    ],
)
def test_roster_name_found(text: str, expected: str) -> None:
    assert expected in found(text, "roster_name", ROSTER)
    assert "person_name" not in kinds(text, ROSTER)  # reported once, as the roster name


@pytest.mark.parametrize("text", ["Will follow up Monday.", "A dr said no.", "Turner's syndrome"])
def test_roster_words_alone_are_not_flagged(text: str) -> None:
    assert "roster_name" not in kinds(text, ("Will Turner", "Dr Sam Lee"))


def test_roster_guard_is_reusable_and_the_default_has_no_roster() -> None:
    guard = IdentifierGuard(ROSTER)
    assert guard.check("Kowalski again").verdict == "warn"
    assert guard.check("Kowalski again") == guard.check("Kowalski again")
    assert "roster_name" not in kinds("Kowalski again")


# --- verdicts, JSON, offsets on the original text -------------------------------------------


def test_verdict_and_json_shape() -> None:
    result = check("Mrs Jones, 92 yo, call 555-123-4567")
    assert result.verdict == "block"
    doc = result.to_json()
    assert set(doc) == {"verdict", "findings"}
    assert doc["verdict"] == "block"
    findings = doc["findings"]
    assert isinstance(findings, list)
    assert all(set(f) == {"kind", "severity", "start", "end"} for f in findings)
    assert [f["kind"] for f in findings] == ["person_name", "age_over_89", "phone"]
    assert [f["severity"] for f in findings] == ["warn", "warn", "block"]
    assert "Jones" not in str(doc)  # the note's text never goes into the JSON


def test_ok_and_warn_verdicts() -> None:
    assert check("Colleague shaken, talked through the shift, follow up Thursday") == GuardResult(
        "ok", ()
    )
    assert check("died 3/14").verdict == "warn"
    assert check("").verdict == "ok"


def test_finding_is_frozen() -> None:
    f = Finding("phone", "block", 0, 3, "555")
    with pytest.raises(AttributeError):
        f.start = 1  # type: ignore[misc]


def test_offsets_skip_zero_width_characters() -> None:
    text = "call 555\u200b-12\u200d34 or An\u200bna Smi\u2060th"
    result = check(text)
    phone = [f for f in result.findings if f.kind == "phone"]
    assert [text[f.start : f.end] for f in phone] == ["555\u200b-12\u200d34"]
    assert found(text, "person_name") == ["An\u200bna Smi\u2060th"]


def test_full_width_digits_are_found_with_original_offsets() -> None:
    text = "電話 ５５５－１２３－４５６７ です"
    (f,) = check(text).findings
    assert (f.kind, f.start, f.end) == ("phone", 3, 15)
    assert text[f.start : f.end] == "５５５－１２３－４５６７"


def test_nfkc_expansions_map_back_to_the_original() -> None:
    # "ﬁ" is one character that NFKC turns into two; "①" becomes "1".
    text = "ﬁne. MRN ①②③④⑤⑥⑦ noted"
    (label, mrn) = check(text).findings
    assert text[label.start : label.end] == "MRN"
    assert text[mrn.start : mrn.end] == "①②③④⑤⑥⑦"


def test_combining_marks_and_accents() -> None:
    text = "Spoke with Zoe\u0308 Garci\u0301a today"  # decomposed accents
    assert found(text, "person_name") == ["Zoe\u0308 Garci\u0301a"]


# --- hard texts -----------------------------------------------------------------------------


def test_nul_and_controls_do_not_hide_identifiers() -> None:
    assert check("555\x00-123-4567").verdict == "block"
    assert found("Anna\x00Smith said", "person_name") == ["Anna\x00Smith"]


def test_bidi_override_does_not_hide_a_number() -> None:
    # Displayed reversed; the stored characters still make a blocking number.
    assert check("\u202e7654-321-555\u202c").verdict == "block"
    assert check("call \u2067555-123-4567\u2069").verdict == "block"


def test_lone_surrogates_and_emoji_do_not_crash() -> None:
    text = "\ud800 Mrs Jones \U0001f622 \udfff 555-123-4567 \U0001f469\u200d\u2695\ufe0f"
    result = check(text)
    assert {f.kind for f in result.findings} == {"person_name", "phone"}
    for f in result.findings:
        assert text[f.start : f.end] == f.text


def test_pasted_rich_text() -> None:
    text = '<p style="x">Call <b>555-123-4567</b> &amp; mail jo&#64;nhs.net</p>'
    assert found(text, "phone") == ["555-123-4567"]
    assert found(text, "email") == ["jo&#64;nhs.net"]
    assert found("<i>Anna</i> Smith was upset", "person_name") == ["Anna</i> Smith"]


def test_maximum_length_and_beyond() -> None:
    note = ("Colleague shaken after the arrest, talked it through. " * 6)[:MAX_NOTE_CHARS]
    assert check(note).verdict == "ok"
    long_text = "word " * 20_000 + "555-123-4567"
    assert check(long_text).verdict == "block"


def test_spaced_out_digits_still_block() -> None:
    assert check("5 5 5 1 2 3 4 5 6 7").verdict == "block"


# --- bundled data ---------------------------------------------------------------------------


def test_name_lists_load_and_say_where_they_come_from() -> None:
    from svdesk.content.resources import read_text
    from svdesk.unit.guard.lexicon import _name_data

    data = _name_data()
    assert {"anna", "mohammed", "priya"} <= data.first
    assert {"smith", "okafor", "nguyen"} <= data.surnames
    assert {"will", "hope", "grace", "thursday"} <= data.not_names
    assert data.is_english("walked")
    assert not data.is_english("okonkwo")
    for name in ("first_names.txt", "surnames.txt", "english_words.txt", "not_names.txt"):
        head = read_text("names", name).splitlines()[0]
        assert head.startswith("# "), name


def test_a_damaged_name_list_names_the_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from svdesk.errors import ValidationError
    from svdesk.unit.guard import lexicon

    monkeypatch.setattr(lexicon, "read_text", lambda *parts: "# header\nAnna\n<script>\n")
    with pytest.raises(ValidationError) as err:
        lexicon._load_word_list("first_names.txt")
    assert "resources/names/first_names.txt line 3" in err.value.message


def test_spanish_sin_is_a_word_and_only_the_capitalised_label_blocks() -> None:
    # "sin" ("without") is in almost every Spanish note; only "SIN" (Canada's Social Insurance
    # Number) is the label. Before, the label matched in any case and blocked the note.
    note = check("Hablamos sin prisa, sin culpas")
    assert not [f for f in note.findings if f.kind == "id_label"]
    assert note.verdict != "block"
    assert [f.kind for f in check("SIN: on file").findings] == ["id_label"]
