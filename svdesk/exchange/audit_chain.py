"""Whether a bundle's audit head extends the unit's audit log as the coordinator last saw it:
the coordinator keeps the head each imported bundle declared, and flags (never rejects) a
bundle whose log was rolled back or rewritten since."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from svdesk.exchange.manifest import AuditMark, BundleManifest

Verdict = Literal[
    "extends", "first", "none", "not_declared", "unverified", "rolled_back", "rewritten"
]
# Verdicts the coordinator is told about ("none": a unit that never declared its log, as
# before this check existed; "first": nothing to compare with yet).
FLAGGED: Final[frozenset[str]] = frozenset(
    {"not_declared", "unverified", "rolled_back", "rewritten"}
)


@dataclass(frozen=True)
class ChainCheck:
    verdict: Verdict
    message: str  # one sentence for the coordinator; "" when nothing is amiss

    @property
    def flagged(self) -> bool:
        return self.verdict in FLAGGED


def check_chain(seen: Mapping[int, AuditMark], manifest: BundleManifest, label: str) -> ChainCheck:
    """`seen` maps the sequence of each bundle imported from this workstation that declared an
    audit head to that head; compared with the last one before `manifest.sequence` (bundles may
    arrive out of order)."""
    earlier = [s for s in seen if s < manifest.sequence]
    head, anchor = manifest.audit_head, manifest.audit_anchor
    ws = manifest.workstation_id
    if head is None:
        return _not_declared(label, ws) if seen else ChainCheck("none", "")
    if not earlier:
        return ChainCheck("first", "")
    last = seen[max(earlier)]
    if head.seq < last.seq:
        return ChainCheck(
            "rolled_back",
            f"{label}: the audit log of workstation {ws} ends at entry {head.seq}, before entry "
            f"{last.seq} that an earlier bundle showed, so it was rolled back or cut short; "
            "check that workstation's audit trail with its admin.",
        )
    if head.seq == last.seq:
        if head.hash == last.hash:
            return ChainCheck("extends", "")
        return _rewritten(label, ws, last.seq)
    if anchor is None or anchor.seq != last.seq:
        return ChainCheck(
            "unverified",
            f"{label}: workstation {ws} does not show what became of audit entry {last.seq} "
            "that the previous bundle ended at, so this coordinator cannot tell whether its "
            "audit log still holds it; check that workstation's audit trail with its admin.",
        )
    if anchor.hash != last.hash:
        return _rewritten(label, ws, last.seq)
    return ChainCheck("extends", "")


def _rewritten(label: str, ws: str, seq: int) -> ChainCheck:
    return ChainCheck(
        "rewritten",
        f"{label}: audit entry {seq} of workstation {ws} differs from the one an earlier bundle "
        "showed, so its audit log was rewritten; check that workstation's audit trail with its "
        "admin before trusting what it reports.",
    )


def _not_declared(label: str, ws: str) -> ChainCheck:
    return ChainCheck(
        "not_declared",
        f"{label}: workstation {ws} declared its audit log in an earlier bundle but not in this "
        "one, so this coordinator cannot tell whether the log was rewritten; check that "
        "workstation's svdesk version and audit trail.",
    )
