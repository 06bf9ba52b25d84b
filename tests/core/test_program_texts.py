"""Program texts: the bundled defaults say confidentiality honestly; a unit admin adapts them,
kept in the store's settings and audit-logged; the wording matches what the record keeps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cases_support import new_unit

from svdesk.content.program_texts import PROGRAM_TEXT_MAX, load_program_texts
from svdesk.content.protocol.loader import load_protocol
from svdesk.errors import InvalidInput, NotPermitted, ValidationError
from svdesk.unit import program_texts, records


def test_the_default_confidentiality_statement_names_every_limit() -> None:
    text = load_program_texts()["confidentiality"].text
    # The limits of issue 11: risk of harm, mandatory reporting, no legal privilege.
    assert "risk of serious harm" in text
    assert "the law or our policy says so" in text
    for example in ("abuse of a child", "impaired practice", "a crime"):
        assert example in text
    assert "may not be legally privileged" in text
    # What is written down, honestly: a few categories, never the name.
    assert "I note a few categories" in text
    # The record's optional short note is said too: nothing is promised that is not kept.
    assert "at most a short note of my own, without names or details" in text
    assert "keep no notes" not in text
    assert "Your name is never recorded" in text
    assert "\n\n" in text  # paragraphs survive the TOML line joins
    assert "  " not in text


def test_what_the_statement_says_is_recorded_matches_the_record() -> None:
    # "Your name is never recorded": no record field could hold a name or free story, apart from
    # the short note, which the identifier guard checks ("a few categories ... not what you tell
    # me" is true only while that stays so).
    assert "name" not in " ".join(records.RECORD_FIELDS)
    assert records.NOTE_MAX <= 280
    free_text = {"note"}
    for field in records.RECORD_FIELDS:
        assert field in free_text or not field.endswith(("_text", "_story", "_details")), field


def test_the_frame_step_shows_the_statement() -> None:
    assert load_protocol().step("frame").program_text in load_program_texts()


def test_an_admin_adapts_and_resets_the_statement(tmp_path: Path) -> None:
    unit = new_unit(tmp_path)
    ctx = unit.ctx(admin=True)
    default = program_texts.program_text(ctx, "confidentiality")
    assert not default.adapted
    assert default.text == load_program_texts()["confidentiality"].text
    own = "In our hospital, staff must report child abuse to the safeguarding team.\n\nMore."
    saved = program_texts.set_program_text(ctx, "confidentiality", own + "  \r\n")
    assert saved.text == own
    assert saved.adapted
    assert program_texts.program_text(ctx, "confidentiality").text == own
    row = unit.db.execute(
        "SELECT value FROM settings WHERE key = 'program_text.confidentiality'"
    ).fetchone()
    assert json.loads(row[0]) == own
    audited = [r for r in unit.audit_rows() if r["action"].startswith("program_text")]
    assert audited[-1]["detail"] == {"text": "confidentiality", "characters": len(own)}
    assert "child abuse" not in json.dumps(unit.audit_rows())  # the wording is not audited
    again = program_texts.set_program_text(ctx, "confidentiality", None)
    assert not again.adapted
    assert unit.db.execute("SELECT count(*) FROM settings").fetchone()[0] == 0
    assert unit.audit_rows()[-1]["action"] == "program_text_reset"


def test_only_an_admin_changes_it_and_bad_texts_are_refused(tmp_path: Path) -> None:
    unit = new_unit(tmp_path)
    with pytest.raises(NotPermitted, match="unit admin"):
        program_texts.set_program_text(unit.ctx(), "confidentiality", "Something else.")
    admin = unit.ctx(admin=True)
    with pytest.raises(InvalidInput, match="cannot be empty"):
        program_texts.set_program_text(admin, "confidentiality", "  \n ")
    with pytest.raises(InvalidInput, match=f"at most {PROGRAM_TEXT_MAX}"):
        program_texts.set_program_text(admin, "confidentiality", "x" * (PROGRAM_TEXT_MAX + 1))
    with pytest.raises(InvalidInput, match="no program text 'privacy'"):
        program_texts.set_program_text(admin, "privacy", "Text")
    assert program_texts.program_text(admin, "confidentiality").adapted is False


def test_a_damaged_setting_reads_as_the_default_never_as_nothing(tmp_path: Path) -> None:
    unit = new_unit(tmp_path)
    for value in ("not json", json.dumps(""), json.dumps(42)):
        unit.db.execute(
            "INSERT OR REPLACE INTO settings (key, value) "
            "VALUES ('program_text.confidentiality', ?)",
            [value],
        )
        text = program_texts.program_text(unit.ctx(), "confidentiality").text
        assert text == load_program_texts()["confidentiality"].text


def test_a_broken_program_texts_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "texts.toml"
    path.write_text('version = "1"\nlanguage = "en"\n[texts.confidentiality]\ntext = 3\n', "utf-8")
    with pytest.raises(ValidationError) as caught:
        load_program_texts(path)
    where = [p for p, _ in caught.value.problems]
    assert "texts.confidentiality.title" in where
    assert "texts.confidentiality.text" in where
