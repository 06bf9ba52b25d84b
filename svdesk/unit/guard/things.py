"""Food, drink and devices where a name would stand, for the name rules (names.py).

Supporters write what lifted a shift: "brought jollof rice and puff puff", "bought pastizzi and
Kinnie for the night team", "Vegemite toast", "the Lucas device". Such words are in no list, so
Philter's rule suspects them. `thing_tokens` marks, among the words in no name list:
- a word before a noun of food, drink or a device ("kaya toast", "Philips monitors");
- a word in the list of what was brought after a verb of bringing or buying, when the list is
  for someone ("... for the night shift", "for everyone") or the word is in lower case
  ("brought sumalak and sweets"); a person would be "brought Ama a tea", and a listed name is
  never marked here.
"""

from __future__ import annotations

import re

from svdesk.unit.guard.vocab import ARTICLES
from svdesk.unit.guard.wordnames import words as _words

THING_NEXT = _words(
    "rice toast tea teas coffee coffees buns bun bread cake cakes sweets chocolate chocolates "
    "biscuits cookies pizza pizzas brisket burger burgers chips fries doughnuts donuts curry "
    "noodles soup sandwiches sandwich wraps pastries pastry pie pies tacos dumplings sushi "
    "juice soda drinks smoothies bars "
    "device devices monitor monitors machine machines scanner scanners pump pumps ventilator "
    "ventilators system kit bed beds trolley stretcher scope laryngoscope defib defibrillator "
    "transformation"
)
_BRINGING = _words(
    "brought bought ordered shared grabbed fetched treated cooked baked delivered sent "
    "bring buy order share grab fetch bake cook deliver"
)
# what may stand between the verb and the thing: "a box of", "some", "lots of"
_BETWEEN = _words(
    "a an the some box boxes of bag bags tray trays plate plates lots loads few couple "
    "bunch pack packs packet packets round and & n more extra homemade home made fresh hot "
    "cold big huge massive"
)
_BREAK = re.compile(r"[.!?;:]")
_FOR = re.compile(
    r"[^.!?;]{0,40}?\b(?:for|4)\s+(?:the|everyone|everybody|all|us|them|our|whole|team|crew|"
    r"staff|night|day|ward|unit|shift)\b",
    re.IGNORECASE,
)


def thing_tokens(
    t: str, tokens: list[tuple[str, int, int]], keys: list[str], listed: list[bool]
) -> list[bool]:
    """Per token (word, start, end) with its look-up key: whether it is food, drink or a device
    (see the module's docstring). `listed`: a listed name, never marked."""
    n = len(keys)
    out = [False] * n
    for i in range(n):
        if listed[i] or keys[i] in ARTICLES:
            continue
        nxt = keys[i + 1] if i + 1 < n and t[tokens[i][2] : tokens[i + 1][1]] in (" ", "-") else ""
        if nxt in THING_NEXT:
            out[i] = True
            continue
        j = i - 1  # back over "a box of", "and", what else was brought, to the verb
        while j >= 0 and i - j <= 6 and (keys[j] in _BETWEEN or keys[j] in THING_NEXT or out[j]):
            j -= 1
        if j < 0 or keys[j] not in _BRINGING or _BREAK.search(t, tokens[j][2], tokens[i][1]):
            continue  # no verb of bringing in the same clause
        lower = tokens[i][0].islower()
        out[i] = lower or _FOR.match(t, tokens[i][2]) is not None
    return out
