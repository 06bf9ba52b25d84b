"""What a locked store says about itself before anyone unlocks it: its identity and its
supporters' names (no secret). The unlock screen shows these; the session
(`svdesk.access.session`) is loaded only when a store is created or unlocked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from svdesk.keys.keyfile import SupporterEntry


# Named tuples, not dataclasses: these are built at every start, before the unlock screen.
class SupporterInfo(NamedTuple):
    id: str
    name: str
    is_admin: bool


class StoreInfo(NamedTuple):
    store_id: str
    role: str
    site_code: str
    unit_code: str | None
    passphrase_only: bool


def info_of(entry: SupporterEntry) -> SupporterInfo:
    return SupporterInfo(entry.id, entry.name, entry.is_admin)
