"""Where the recipient feedback of a locked unit workstation lives in its data folder (issue 14,
item 3; `svdesk.unit.feedback`): the signed list of the feedback codes that work, and the folder
of encrypted answers the next unlock merges. Named here, like the kiosk's files in `datadir`, so
that the unlock screen can tell whether to offer feedback without loading the unit's code."""

from __future__ import annotations

from typing import Final

FEEDBACK_CODES_NAME: Final = "feedback-codes.json"
FEEDBACK_INBOX_NAME: Final = "feedback-inbox"
