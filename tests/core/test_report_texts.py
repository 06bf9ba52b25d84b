"""The coordinator's reports in each language (issue 16, item 4): the catalogue of report texts
(resources/reports/texts*.toml) has the same ids and {fields} in every language, every table
takes its title, sheet name and headings from it, and codes and numbers stay the same."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest
from test_reports import _coordinator_with_data, read_csv, read_xlsx

from svdesk.content.catalogue import (
    Catalogue,
    catalogue_problems,
    fields_of,
    load_catalogue,
    parse_catalogue,
)
from svdesk.content.loading import ContentError
from svdesk.coordinator import reports
from svdesk.coordinator.dashboard import dashboard_figures
from svdesk.coordinator.outcomes import outcome_figures
from svdesk.coordinator.report_texts import REPORT_CATALOGUE, report_languages, report_texts
from svdesk.coordinator.survey_figures import survey_figures
from svdesk.errors import InvalidInput
from svdesk.progress import run_to_end

TRANSLATIONS = report_languages()[1:]


def test_reports_are_written_in_english_and_spanish() -> None:
    assert report_languages() == ("en", "es")


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_each_translation_has_the_english_ids_and_fields(language: str) -> None:
    english = load_catalogue(*REPORT_CATALOGUE)
    own = load_catalogue(*REPORT_CATALOGUE, language)
    assert own.language == language
    assert own.fallback == english
    assert catalogue_problems(english, own) == []
    # Translated, not copied: only names and signs read the same.
    same = {i for i, text in own.texts.items() if text == english.texts[i]}
    assert same <= {"row.total", "figure.percent", "table.survey_month", "survey.month_row",
                    "survey.reading"}, sorted(same)  # fmt: skip


def test_the_check_names_missing_added_and_changed_texts() -> None:
    english = Catalogue("en", {"a": "{n} weeks", "b": "Total", "c": "x"}, "en.toml")
    other = Catalogue("es", {"a": "{m} semanas", "b": "Total", "z": "extra"}, "es.toml")
    assert catalogue_problems(english, other) == [
        ("a", "must have the fields of the English text (n)"),
        ("c", "is missing; translate it"),
        ("z", "is not in the English file; remove it or add it there"),
    ]


def test_a_broken_catalogue_file_is_refused_with_its_paths() -> None:
    data = {"language": "en", "texts": {"ok": "Fine", "bad": 3, "field": "{n"}, "more": 1}
    with pytest.raises(ContentError) as caught:
        parse_catalogue(data, "texts.es.toml", "es")
    assert [path for path, _ in caught.value.problems] == [
        "more",
        "language",
        "texts.bad",
        "texts.field",
    ]


def test_texts_fields_plurals_numbers_and_the_english_behind_a_translation() -> None:
    english = Catalogue(
        "en", {"w.one": "{n} week", "w.other": "{n} weeks", "format.decimal": "."}, "e"
    )
    spanish = Catalogue(
        "es", {"w.one": "{n} semana", "w.other": "{n} semanas", "format.decimal": ","}, "s",
        fallback=Catalogue("en", {**english.texts, "only": "Only in English"}, "e"),
    )  # fmt: skip
    assert spanish.plural("w", 1, n="1") == "1 semana"
    assert spanish.plural("w", 1.5, n=spanish.short_number(1.5)) == "1,5 semanas"
    assert english.plural("w", 2, n=english.short_number(2.0)) == "2 weeks"
    assert spanish.number(2.456, 2) == "2,46"
    assert spanish.number(53.4) == "53"
    assert spanish.text("only") == "Only in English"  # a partial translation still works
    assert spanish.get("nowhere", "the code's own") == "the code's own"
    with pytest.raises(KeyError, match="nowhere"):
        spanish.text("nowhere")
    assert fields_of("{a} and {b:.2f} and {{c}}") == {"a", "b"}


def _tables(tmp_path: Path, languages: tuple[str, ...]) -> list[list[reports.ReportTable]]:
    coord, _ = _coordinator_with_data(tmp_path)
    for value in (3, 5) * 6:
        answers = {"know_reach": value, "know_what_happens": value, "know_out_of_hours": value}
        coord.db.execute(
            "INSERT INTO coord_survey_responses (response_id, workstation_id, site_code, "
            "unit_code, survey_id, survey_version, week, answers) "
            "VALUES (?, 'ws', 'S01', 'ED1', 'program_pulse', '1.0.0', '2026-W10', ?)",
            [secrets.token_hex(16), json.dumps(answers)],
        )
    return [
        reports.report_tables(
            dashboard_figures(coord),
            outcomes=outcome_figures(coord),
            surveys=[survey_figures(coord, "program_pulse")],
            language=language,
        )
        for language in languages
    ]


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_table_is_in_the_language_with_the_same_codes_and_numbers(
    tmp_path: Path, language: str
) -> None:
    """A table whose title, sheet name or headings are not in the catalogue fails here: add
    its texts to resources/reports/texts.toml and to each translation."""
    english, translated = _tables(tmp_path, ("en", language))
    texts = report_texts(language)
    assert [t.key for t in english] == [t.key for t in translated]
    for en, tr in zip(english, translated, strict=True):
        assert en.key, f"table {en.title!r} has no key in the report texts"
        title = "table.survey" if en.key.startswith("survey.") else f"table.{en.key}"
        assert title in texts.texts, f"{title} is missing in {language}"
        assert tr.title != en.title, f"{en.title!r} is not translated"
        assert [h for h in tr.header if h in en.header] == [], (en.header, tr.header)
        if en.key == "about":
            continue  # an item and its value, both texts
        for row_en, row_tr in zip(en.rows, tr.rows, strict=True):
            assert row_en[1] == row_tr[1]  # the code column: codes in every language
            numbers = [(a, b) for a, b in zip(row_en, row_tr, strict=True) if a != b]
            assert not [p for p in numbers if isinstance(p[0], int | float)], numbers
    # Sheet names: at most 31 characters (a survey's sheet is its title, shortened on writing).
    sheets = [texts.text(f"sheet.{t.key}") for t in translated if not t.key.startswith("survey.")]
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in sheets), sheets


def test_a_spanish_csv_and_xlsx_through_write_report(tmp_path: Path) -> None:
    coord, _ = _coordinator_with_data(tmp_path)
    out = tmp_path / "es.csv"
    run_to_end(reports.write_report(coord, "csv", out, language="es"))
    rows = read_csv(out.read_bytes())
    assert rows[0] == [
        "Tabla", "Categoría", "Código", "Recuento", "Porcentaje", "Base", "Intervalo del 95 %",
    ]  # fmt: skip
    roles = {r[2]: r for r in rows if r[0] == "Encuentros por función del colega"}
    assert roles["nurse"][3] == "suprimido"
    assert roles["leader"][3] == "<11"
    assert roles[""][1] == "Total"
    assert [r for r in rows if r[1] == "Con seguimiento"]  # follow-up rows labelled
    xlsx = tmp_path / "es.xlsx"
    run_to_end(reports.write_report(coord, "xlsx", xlsx, language="es"))
    sheets = read_xlsx(xlsx.read_bytes())
    assert "Función" in sheets
    assert sheets["Función"][0] == [
        "Categoría",
        "Código",
        "Recuento",
        "Porcentaje",
    ]
    with pytest.raises(InvalidInput, match="choose one of en, es"):
        run_to_end(reports.write_report(coord, "csv", tmp_path / "x.csv", language="fr"))
    assert not (tmp_path / "x.csv").exists()
