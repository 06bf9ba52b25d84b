"""Translated content files: the same ids, codes, conditions and structure as the English ones.

Every translatable file in resources/ has a translation per shipped language beside it
(svdesk/content/languages.py); the translation may change texts only. Each text is translated
(differs from the English) except the few allowed below: names and codes that read the same in
both languages, and validated instruments' items whose official translation is not yet in hand.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from svdesk.cli import main
from svdesk.content import languages
from svdesk.content.answers import load_vocabulary
from svdesk.content.cards import load_cards, load_directory_defaults
from svdesk.content.loading import ContentError
from svdesk.content.outcomes import escalation_outcomes
from svdesk.content.program_texts import load_program_texts
from svdesk.content.protocol.loader import load_protocol
from svdesk.content.record_fields import load_record_vocabulary
from svdesk.content.rules import load_rules
from svdesk.errors import InvalidInput

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
TRANSLATIONS = languages.SHIPPED_LANGUAGES[1:]

# Every content file that has texts for people to read (surveys: see the survey helper's files).
CONTENT_FILES: tuple[str, ...] = (
    "protocols/default.toml",
    "vocab/record.toml",
    "vocab/answers.toml",
    "vocab/escalation_outcomes.toml",
    "rules/default.toml",
    "program/texts.toml",
    "directory/default.toml",
    *sorted(
        f"cards/{p.name}"
        for p in (RESOURCES / "cards").glob("*.toml")
        if not languages.is_translation(p.name)
    ),
)

# The keys whose values are texts for people: they must be translated. Every other key keeps the
# English value exactly (ids, codes, numbers, conditions, hours, card lists); `sources` and
# `source` are citations and stay as written so that they can be found.
TEXT_KEYS = frozenset(
    {
        "title",
        "description",
        "intent",
        "phrasings",
        "avoid",
        "tips",
        "label",
        "followup_label",
        "help",
        "summary",
        "heading",
        "text",
        "items",
        "meaning",
        "reason",
    }
)

# Texts that read the same in Spanish: names and abbreviations.
SAME_IN_EVERY_LANGUAGE = frozenset({"PC-PTSD-5", "PHQ-2", "GAD-2", "Format", "No"})

# Validated instruments' own wording, kept in English in every translation until the
# instrument owner's official translation is in hand verbatim from a primary source (never a
# translation of our own). The .es files mark each with "official Spanish wording required".
_CSSRS = "official Spanish wording required: Columbia Lighthouse Project, cssrs.columbia.edu"
_PC_PTSD = "official Spanish wording required: National Center for PTSD (VA), ptsd.va.gov"
_PHQ = "official Spanish wording required: PHQ/GAD-7 screeners (Pfizer), phqscreeners.com"
_SAFETY = "steps[safety_check].questions"
INSTRUMENT_WORDING: Mapping[str, Mapping[str, str]] = {
    "protocols/default.toml": {
        **{
            f"{_SAFETY}[safety.cssrs.{item}].{key}": _CSSRS
            for item in ("wish_dead", "suicidal_thoughts", "method", "intent", "plan")
            for key in ("label", "followup_label")
        },
        f"{_SAFETY}[safety.cssrs.method].help": _CSSRS,
        f"{_SAFETY}[safety.cssrs.intent].help": _CSSRS,
        f"{_SAFETY}[safety.cssrs.behavior_lifetime].label": _CSSRS,
        f"{_SAFETY}[safety.cssrs.behavior_lifetime].help": _CSSRS,
        f"{_SAFETY}[safety.cssrs.behavior_3mo].label": _CSSRS,
    },
    "cards/brief_screens.toml": {
        "sections[0].text": _PC_PTSD,
        **{f"sections[0].items[{i}]": _PC_PTSD for i in range(5)},
        "sections[1].text": _PHQ,
        "sections[1].items[0]": _PHQ,
        "sections[1].items[1]": _PHQ,
        "sections[2].text": _PHQ,
        "sections[2].items[0]": _PHQ,
        "sections[2].items[1]": _PHQ,
    },
}


def _read(relative: str) -> dict[str, object]:
    return tomllib.loads((RESOURCES / relative).read_text(encoding="utf-8"))


def _translation(relative: str, language: str) -> str:
    folder, name = relative.rsplit("/", 1)
    return f"{folder}/{languages.translated_name(name, language)}"


def _segment(value: object, index: int) -> str:
    """A list item's path segment: its id or code when it has one, else its index."""
    if isinstance(value, dict):
        for key in ("id", "code"):
            if isinstance(value.get(key), str):
                return f"[{value[key]}]"
    return f"[{index}]"


def _differences(
    english: object, translated: object, path: str, text: bool
) -> Iterator[tuple[str, str, object, object]]:
    """(kind, path, english, translated) for each place the translation's structure differs,
    and ("text", path, en, tr) for every text leaf (checked by the caller)."""
    if isinstance(english, dict):
        if not isinstance(translated, dict):
            yield "structure", path, "a table", type(translated).__name__
            return
        keys, other = set(english) - {"language"}, set(translated) - {"language"}
        if keys != other:
            yield "structure", path, sorted(keys - other), sorted(other - keys)
            return
        for key, value in english.items():
            where = f"{path}.{key}" if path else key
            if key == "language":
                continue
            yield from _differences(value, translated[key], where, key in TEXT_KEYS)
    elif isinstance(english, list):
        if not isinstance(translated, list) or len(english) != len(translated):
            yield "structure", path, english, translated
            return
        for i, (en, tr) in enumerate(zip(english, translated, strict=True)):
            yield from _differences(en, tr, f"{path}{_segment(en, i)}", text)
    elif text and isinstance(english, str):
        yield "text", path, english, translated
    elif english != translated or type(english) is not type(translated):
        yield "value", path, english, translated


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


@pytest.mark.parametrize("language", TRANSLATIONS)
@pytest.mark.parametrize("relative", CONTENT_FILES)
def test_each_content_file_has_its_translation(relative: str, language: str) -> None:
    path = RESOURCES / _translation(relative, language)
    assert path.is_file(), f"{path} is missing: translate {relative} (docs/translating.md)"


def _pairs() -> list[tuple[str, str]]:
    return [
        (relative, language)
        for language in TRANSLATIONS
        for relative in CONTENT_FILES
        if (RESOURCES / _translation(relative, language)).is_file()
    ]


@pytest.mark.parametrize(("relative", "language"), _pairs())
def test_a_translation_changes_texts_only_and_translates_every_text(
    relative: str, language: str
) -> None:
    english, translated = _read(relative), _read(_translation(relative, language))
    if "language" in english or "language" in translated:
        assert translated.get("language") == language
    kept = INSTRUMENT_WORDING.get(relative, {})
    structure, untranslated, drifted = [], [], []
    seen_kept = set()
    for kind, path, en, tr in _differences(english, translated, "", False):
        if kind != "text":
            structure.append(f"{path}: {en!r} → {tr!r}")
        elif not isinstance(tr, str) or not tr.strip():
            structure.append(f"{path}: must be a non-empty text, not {tr!r}")
        elif path in kept:
            seen_kept.add(path)
            if tr != en:
                drifted.append(f"{path}: {kept[path]}; keep the English until then")
        elif tr == en and en not in SAME_IN_EVERY_LANGUAGE:
            untranslated.append(f"{path}: {en!r}")
    assert not structure, f"{relative} ({language}) differs beyond texts: {structure}"
    assert not untranslated, f"{relative} ({language}) has untranslated texts: {untranslated}"
    assert not drifted, f"{relative} ({language}) changes instrument wording: {drifted}"
    assert seen_kept == set(kept), f"instrument paths not found: {set(kept) - seen_kept}"


@pytest.mark.parametrize(("relative", "language"), _pairs())
def test_a_translation_marks_the_instrument_wording_it_keeps(relative: str, language: str) -> None:
    text = (RESOURCES / _translation(relative, language)).read_text(encoding="utf-8")
    for reason in set(INSTRUMENT_WORDING.get(relative, {}).values()):
        assert reason in text, f"{relative} ({language}) must say in a comment: {reason}"


def test_the_structure_check_finds_a_changed_code_and_an_untranslated_text() -> None:
    english = {"codes": [{"code": "yes", "label": "Yes"}], "type": "code"}
    translated = {"codes": [{"code": "si", "label": "Yes"}], "type": "code"}
    found = list(_differences(english, translated, "", False))
    assert ("value", "codes[yes].code", "yes", "si") in found
    assert ("text", "codes[yes].label", "Yes", "Yes") in found


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_loaders_read_the_translation_with_the_same_codes(language: str) -> None:
    english, translated = load_protocol(), load_protocol(language=language)
    assert translated.language == language
    assert [s.id for s in translated.steps] == [s.id for s in english.steps]
    for en_step, tr_step in zip(english.steps, translated.steps, strict=True):
        assert [q.id for q in tr_step.questions] == [q.id for q in en_step.questions]
        for en_q, tr_q in zip(en_step.questions, tr_step.questions, strict=True):
            assert [o.code for o in tr_q.options] == [o.code for o in en_q.options]
    assert load_rules(language=language).language == language
    en_rules, tr_rules = load_rules(), load_rules(language=language)
    assert [r.id for r in tr_rules.rules] == [r.id for r in en_rules.rules]
    assert tr_rules.screen_thresholds() == en_rules.screen_thresholds()
    en_vocab, tr_vocab = load_record_vocabulary(), load_record_vocabulary(language=language)
    assert {n: f.code_ids() for n, f in tr_vocab.fields.items()} == {
        n: f.code_ids() for n, f in en_vocab.fields.items()
    }
    assert tr_vocab.label("modality", "phone") != en_vocab.label("modality", "phone")
    assert load_vocabulary(language=language).answers.keys() == load_vocabulary().answers.keys()
    assert [o.code for o in escalation_outcomes(language)] == [
        o.code for o in escalation_outcomes()
    ]
    assert load_cards(language=language).keys() == load_cards().keys()
    assert load_program_texts(language=language).keys() == load_program_texts().keys()
    assert [e.id for e in load_directory_defaults(language=language)] == [
        e.id for e in load_directory_defaults()
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


def test_a_language_without_a_file_falls_back_to_english(tmp_path: Path) -> None:
    card = """id = "{id}"\ntitle = "{title}"\nlanguage = "{lang}"\nsources = ["S"]\n
[[sections]]\nheading = "H"\nitems = ["I"]\n"""
    (tmp_path / "a.toml").write_text(card.format(id="a", title="A", lang="en"), "utf-8")
    (tmp_path / "a.es.toml").write_text(card.format(id="a", title="A es", lang="es"), "utf-8")
    (tmp_path / "b.toml").write_text(card.format(id="b", title="B", lang="en"), "utf-8")
    english = load_cards(tmp_path)
    spanish = load_cards(tmp_path, language="es")
    assert {k: c.title for k, c in english.items()} == {"a": "A", "b": "B"}
    assert {k: c.title for k, c in spanish.items()} == {"a": "A es", "b": "B"}
    assert load_cards(tmp_path, language="fr")["a"].title == "A"
    assert load_protocol(language="fr").language == "en"


def test_a_translated_card_must_keep_its_id(tmp_path: Path) -> None:
    card = 'id = "{id}"\ntitle = "T"\nlanguage = "es"\nsources = ["S"]\n\n[[sections]]\n'
    card += 'heading = "H"\nitems = ["I"]\n'
    (tmp_path / "a.toml").write_text(card.format(id="a"), "utf-8")
    (tmp_path / "a.es.toml").write_text(card.format(id="otra"), "utf-8")
    with pytest.raises(ContentError, match=r"a\.es\.toml: id"):
        load_cards(tmp_path, language="es")


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_protocol_check_accepts_the_translated_protocol(
    language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = RESOURCES / _translation("protocols/default.toml", language)
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
