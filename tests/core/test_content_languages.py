"""Translated content files: the same ids, codes, conditions and structure as the English ones.

Every translatable file in resources/ has a translation per shipped language beside it
(svdesk/content/languages.py); the translation may change texts only, and translates each of
them except the few svdesk/content/translation_check.py allows: names that read the same, and
validated instruments' items whose official translation is not yet in hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from svdesk.cli import main
from svdesk.content import languages, translation_check
from svdesk.content.answers import load_vocabulary
from svdesk.content.cards import load_cards, load_directory_defaults
from svdesk.content.loading import ContentError
from svdesk.content.outcomes import escalation_outcomes
from svdesk.content.program_texts import load_program_texts
from svdesk.content.protocol.loader import load_protocol
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.content.rules import load_rules
from svdesk.content.surveys import bundled_surveys, score
from svdesk.content.translation_check import check_translation, check_translations
from svdesk.errors import InvalidInput
from svdesk.unit.crisis_numbers import unset_fallback

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
TRANSLATIONS = languages.SHIPPED_LANGUAGES[1:]


def test_the_file_name_rule() -> None:
    assert languages.translated_name("default.toml", "es") == "default.es.toml"
    assert languages.translated_name("default.toml", "en") == "default.toml"
    assert languages.translated_name("seven_cs.toml", "pt-BR") == "seven_cs.pt-BR.toml"
    assert languages.is_translation("seven_cs.es.toml")
    assert not languages.is_translation("seven_cs.toml")
    with pytest.raises(InvalidInput, match="language tag"):
        languages.translated_name("default.toml", "Spanish")
    with pytest.raises(InvalidInput, match="English content file"):
        languages.translated_name("default.es.toml", "es")


def test_the_content_files_are_every_english_file_with_texts() -> None:
    files = translation_check.content_files()
    assert "protocols/default.toml" in files
    assert "cards/seven_cs.toml" in files
    assert "surveys/program_pulse.toml" in files
    assert not [f for f in files if languages.is_translation(f.rsplit("/", 1)[1])]
    on_disk = {f"cards/{p.name}" for p in (RESOURCES / "cards").glob("*.toml")}
    assert {f for f in files if f.startswith("cards/")} == {
        f for f in on_disk if not languages.is_translation(f.rsplit("/", 1)[1])
    }


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_shipped_translation_is_complete_and_changes_texts_only(language: str) -> None:
    problems = check_translations(language)
    assert not problems, "\n".join(str(p) for p in problems)


def test_english_is_not_checked_against_itself() -> None:
    with pytest.raises(InvalidInput, match="source language"):
        check_translations("en")


ENGLISH_VIDEO = {"code": "video", "label": "Video"}
ENGLISH = {
    "version": "1",
    "language": "en",
    "fields": {
        "modality": {
            "type": "code",
            "label": "How you met",
            "codes": [{"code": "phone", "label": "Phone"}, ENGLISH_VIDEO],
        }
    },
}


def _spanish(**changes: object) -> dict[str, object]:
    field: dict[str, object] = {
        "type": "code",
        "label": "Cómo se reunieron",
        "codes": [
            {"code": "phone", "label": "Por teléfono"},
            {"code": "video", "label": "Por vídeo"},
        ],
    }
    field.update(changes)
    return {"version": "1", "language": "es", "fields": {"modality": field}}


def _problems(translated: dict[str, object], relative: str = "vocab/record.toml") -> list[str]:
    return [str(p) for p in check_translation(relative, "es", ENGLISH, translated)]


def test_a_faithful_translation_has_no_problem() -> None:
    assert _problems(_spanish()) == []


def test_a_changed_code_a_missing_option_and_an_untranslated_text_are_each_named() -> None:
    changed = _spanish(codes=[{"code": "telefono", "label": "Por teléfono"}, ENGLISH_VIDEO])
    assert _problems(changed) == [
        "resources/vocab/record.es.toml: fields.modality.codes[phone].code: must be 'phone' as "
        "in the English file, not 'telefono'; translate texts only",
        "resources/vocab/record.es.toml: fields.modality.codes[video].label: "
        "is not translated ('Video')",
    ]
    fewer = _spanish(codes=[{"code": "phone", "label": "Por teléfono"}])
    assert _problems(fewer) == [
        "resources/vocab/record.es.toml: fields.modality.codes: differs from the English file "
        "('2 items' there, [{'code': 'phone', 'label': 'Por teléfono'}] here)"
    ]
    extra = _spanish(help="Una ayuda que el inglés no tiene")
    assert _problems(extra) == [
        "resources/vocab/record.es.toml: fields.modality: differs from the English file "
        "([] there, ['help'] here)"
    ]
    wrong_language = {**_spanish(), "language": "en"}
    assert _problems(wrong_language) == [
        "resources/vocab/record.es.toml: language: must be 'es', the language of the file name"
    ]


def test_instrument_wording_must_stay_english_and_be_marked() -> None:
    relative = "cards/brief_screens.toml"
    english = {
        "sections": [{"heading": "PHQ-2", "text": "Over the last 2 weeks", "items": ["1. Little"]}]
    }
    kept = dict(translation_check.INSTRUMENT_WORDING[relative])
    assert "sections[1].text" in kept  # the real list names the PHQ-2 wording
    translated = {
        "sections": [{"heading": "PHQ-2", "text": "En las últimas 2 semanas", "items": ["1. Poco"]}]
    }
    problems = [str(p) for p in check_translation(relative, "es", english, translated, "x")]
    assert any("sections[0].text: official Spanish wording required" in p for p in problems)
    assert any("must say in a comment" in p for p in problems)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_loaders_read_the_translation_with_the_same_codes(language: str) -> None:
    english, translated = load_protocol(), load_protocol(language=language)
    assert translated.language == language
    assert [s.id for s in translated.steps] == [s.id for s in english.steps]
    for en_step, tr_step in zip(english.steps, translated.steps, strict=True):
        assert [q.id for q in tr_step.questions] == [q.id for q in en_step.questions]
        for en_q, tr_q in zip(en_step.questions, tr_step.questions, strict=True):
            assert [o.code for o in tr_q.options] == [o.code for o in en_q.options]
    en_rules, tr_rules = load_rules(), load_rules(language=language)
    assert tr_rules.language == language
    assert [r.id for r in tr_rules.rules] == [r.id for r in en_rules.rules]
    assert tr_rules.screen_thresholds() == en_rules.screen_thresholds()
    en_vocab, tr_vocab = load_record_vocabulary(), load_record_vocabulary(language=language)
    assert tr_vocab.language == language
    assert {n: f.code_ids() for n, f in tr_vocab.fields.items()} == {
        n: f.code_ids() for n, f in en_vocab.fields.items()
    }
    assert tr_vocab.label("modality", "phone") != en_vocab.label("modality", "phone")
    assert load_vocabulary(language=language).answers.keys() == load_vocabulary().answers.keys()
    outcomes = escalation_outcomes(language)
    assert [o.code for o in outcomes] == [o.code for o in escalation_outcomes()]
    assert outcomes[0].label != escalation_outcomes()[0].label
    cards = load_cards(language=language)
    assert cards.keys() == load_cards().keys()
    assert {c.language for c in cards.values()} == {language}
    texts = load_program_texts(language=language)
    assert texts.keys() == load_program_texts().keys()
    assert texts["confidentiality"].text != load_program_texts()["confidentiality"].text
    surveys = bundled_surveys(language)
    assert surveys.keys() == bundled_surveys().keys()
    for survey_id, survey in surveys.items():
        english_survey = bundled_surveys()[survey_id]
        assert survey.language == language
        assert [i.id for i in survey.items] == [i.id for i in english_survey.items]
        assert [s.values() for s in survey.scales] == [s.values() for s in english_survey.scales]
        answers = {item.id: 2 for item in survey.items}
        assert score(survey, answers) == score(english_survey, answers)
    directory = load_directory_defaults(language=language)
    assert [(e.id, e.number, e.hours, e.after_hours, e.referral_target) for e in directory] == [
        (e.id, e.number, e.hours, e.after_hours, e.referral_target)
        for e in load_directory_defaults()
    ]


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_same_answers_give_the_same_level_actions_and_rules_in_every_language(
    language: str,
) -> None:
    answers = {
        "safety.cssrs.wish_dead": True,
        "safety.cssrs.suicidal_thoughts": True,
        "safety.cssrs.method": True,
        "stress.zone": "orange",
        "event.staff_affected": 7,
        "situation.litigation_or_investigation": True,
    }
    english = load_rules().evaluate(answers)
    translated = load_rules(language=language).evaluate(answers)
    assert translated.level == english.level
    assert translated.actions == english.actions
    assert [f.id for f in translated.fired] == [f.id for f in english.fired]
    assert [f.reason for f in translated.fired] != [f.reason for f in english.fired]


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_protocol_check_accepts_the_translated_protocol(
    language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = RESOURCES / "protocols" / languages.translated_name("default.toml", language)
    status = main(["protocol", "check", str(path)])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    assert out == "ok: default 2.0.0, 12 steps, 43 questions\n"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translated_protocol_shows_the_record_options_in_its_language(language: str) -> None:
    english, translated = load_protocol(), load_protocol(language=language)
    vocabulary = load_record_vocabulary(language=language)
    modality = translated.question("modality")
    assert modality.codes() == english.question("modality").codes()
    assert [o.label for o in modality.options] == [
        vocabulary.label("modality", code) for code in modality.codes()
    ]
    assert modality.options[0].label != english.question("modality").options[0].label


def _card(card_id: str, title: str, language: str) -> str:
    return (
        f'id = "{card_id}"\ntitle = "{title}"\nlanguage = "{language}"\nsources = ["S"]\n\n'
        '[[sections]]\nheading = "H"\nitems = ["I"]\n'
    )


def test_a_language_without_a_file_falls_back_to_english(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(_card("a", "A", "en"), "utf-8")
    (tmp_path / "a.es.toml").write_text(_card("a", "A es", "es"), "utf-8")
    (tmp_path / "b.toml").write_text(_card("b", "B", "en"), "utf-8")
    english = load_cards(tmp_path)
    spanish = load_cards(tmp_path, language="es")
    assert {k: c.title for k, c in english.items()} == {"a": "A", "b": "B"}
    assert {k: c.title for k, c in spanish.items()} == {"a": "A es", "b": "B"}
    assert load_cards(tmp_path, language="fr")["a"].title == "A"
    assert load_protocol(language="fr").language == "en"


def test_a_translated_card_must_keep_its_id(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(_card("a", "A", "en"), "utf-8")
    (tmp_path / "a.es.toml").write_text(_card("otra", "A es", "es"), "utf-8")
    with pytest.raises(ContentError, match=r"a\.es\.toml: id"):
        load_cards(tmp_path, language="es")


def test_an_unknown_language_tag_is_refused_by_the_loaders() -> None:
    with pytest.raises(InvalidInput, match="language tag"):
        load_rules(language="../rules")


def test_english_by_default_is_the_one_cached_content() -> None:
    from svdesk.content.answers import VOCABULARY

    assert load_vocabulary() is VOCABULARY
    assert load_vocabulary(language="en") is VOCABULARY
    assert load_record_vocabulary() is load_record_vocabulary(language="en")
    assert load_protocol() is load_protocol(language="en")
    assert load_rules() is load_rules(language="en")


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_crisis_fallbacks_are_translated_with_the_same_numbers(language: str) -> None:
    for code in ("emergency", "crisis_line"):
        english, translated = unset_fallback(code), unset_fallback(code, language)
        assert english
        assert translated
        assert translated != english
    assert "112" in str(unset_fallback("emergency", language))
    assert "988" in str(unset_fallback("crisis_line", language))


def test_a_crisis_fallback_with_another_number_is_refused() -> None:
    english = {"version": "1", "fallbacks": {"emergency": "Call 911 or 112"}}
    translated = {"version": "1", "fallbacks": {"emergency": "Llame al 911 o al 113"}}
    relative = "directory/fallbacks.toml"
    problems = [str(p) for p in check_translation(relative, "es", english, translated)]
    assert problems == [
        "resources/directory/fallbacks.es.toml: fallbacks.emergency: must give the same numbers "
        "as the English (911, 112)"
    ]


def test_a_report_text_missing_or_with_other_fields_in_a_translation_is_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The report catalogue is checked with the content (issue 16: one check command)."""
    from svdesk.content import translation_check
    from svdesk.content.catalogue import Catalogue, load_catalogue

    english = load_catalogue("reports", "texts.toml")
    spanish = load_catalogue("reports", "texts.toml", "es")
    broken = dict(spanish.texts)
    del broken["table.about"]
    broken["about.period_value"] = "{start} a {fin}"
    fake = Catalogue("es", broken, spanish.source, fallback=english)

    def catalogue(folder: str, name: str, language: str = "en") -> Catalogue:
        return fake if language == "es" else english

    monkeypatch.setattr(translation_check, "load_catalogue", catalogue)
    listed = {(p.path, p.problem) for p in check_translations("es")}
    assert ("texts.table.about", "is missing; translate it") in listed
    assert (
        "texts.about.period_value",
        "must have the fields of the English text (end, start)",
    ) in listed
