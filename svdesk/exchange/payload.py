"""The payload of a bundle (its records) parsed and checked: within the budget its manifest
allows, no key named twice, every record of every kind valid, and the counts its manifest
declares (`svdesk.exchange.bundle` reads a bundle; this is its last, costliest step)."""

from __future__ import annotations

from typing import NamedTuple

from svdesk.exchange import intake
from svdesk.exchange.coverage import COVERAGE_FIELD_NAMES, COVERAGE_FIELDS
from svdesk.exchange.errors import BundleRejected
from svdesk.exchange.fields import (
    ENCOUNTER_FIELDS,
    ESCALATION_FIELDS,
    FEEDBACK_RESPONSE_FIELD_NAMES,
    FEEDBACK_RESPONSE_FIELDS,
    REQUEST_FIELD_NAMES,
    REQUEST_FIELDS,
    SURVEY_RESPONSE_FIELD_NAMES,
    SURVEY_RESPONSE_FIELDS,
    CheckedRecords,
    check_records,
    no_records,
)
from svdesk.exchange.manifest import (
    FEEDBACK_SINCE_FORMAT,
    REQUESTS_SINCE_FORMAT,
    BundleManifest,
)


class PayloadRecords(NamedTuple):
    encounters: CheckedRecords
    escalations: CheckedRecords
    requests: CheckedRecords
    survey_responses: CheckedRecords
    feedback_responses: CheckedRecords
    coverage: CheckedRecords  # format 4 on: weeks of on-call coverage


def payload_records(
    payload: bytes, manifest: BundleManifest, label: str
) -> PayloadRecords | BundleRejected:
    try:
        intake.check_payload_budget(
            payload,
            manifest.encounters,
            manifest.escalations,
            label,
            requests=manifest.requests,
            survey_responses=manifest.survey_responses,
            feedback_responses=manifest.feedback_responses,
            coverage=manifest.coverage,
        )
        body = intake.parse_payload(payload, label)
        encounters = check_records(body.get("encounters"), ENCOUNTER_FIELDS, "encounter", label)
        escalations = check_records(body.get("escalations"), ESCALATION_FIELDS, "escalation", label)
        if manifest.format_version >= REQUESTS_SINCE_FORMAT:
            # An absent list is an empty one (the counts below still have to match).
            requests = check_records(body.get("requests", []), REQUEST_FIELDS, "request", label)
            responses = check_records(
                body.get("survey_responses", []), SURVEY_RESPONSE_FIELDS, "survey response", label
            )
        elif "requests" in body or "survey_responses" in body:
            raise BundleRejected("corrupt", f"{label} is damaged (its records are unreadable).")
        else:
            requests = no_records(REQUEST_FIELD_NAMES)
            responses = no_records(SURVEY_RESPONSE_FIELD_NAMES)
        if manifest.format_version >= FEEDBACK_SINCE_FORMAT:
            feedback = check_records(
                body.get("feedback_responses", []),
                FEEDBACK_RESPONSE_FIELDS,
                "feedback response",
                label,
            )
            coverage = check_records(
                body.get("coverage", []), COVERAGE_FIELDS, "week of on-call coverage", label
            )
        elif "feedback_responses" in body or "coverage" in body:
            raise BundleRejected("corrupt", f"{label} is damaged (its records are unreadable).")
        else:
            feedback = no_records(FEEDBACK_RESPONSE_FIELD_NAMES)
            coverage = no_records(COVERAGE_FIELD_NAMES)
        if (
            len(encounters) != manifest.encounters
            or len(escalations) != manifest.escalations
            or len(requests) != manifest.requests
            or len(responses) != manifest.survey_responses
            or len(feedback) != manifest.feedback_responses
            or len(coverage) != manifest.coverage
        ):
            raise BundleRejected(
                "corrupt", f"{label} is damaged (its record counts differ from its manifest)."
            )
    except BundleRejected as exc:
        return exc
    return PayloadRecords(encounters, escalations, requests, responses, feedback, coverage)
