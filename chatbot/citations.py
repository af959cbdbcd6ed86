"""How the documents cite a study: "(Tjon Eng Soe 2009)", "(Hui 2010; Hui 2009)".

One reading of citations for every part that needs one: the evidence caveats (which
study a quote rests on), the question kinds ("who ran it?" is answered by a quote that
names the study) and the studies index (which passages are about the same study).
"""

import re

YEAR = re.compile(r"\b(?:19|20)\d\d\b")
"""A year, as studies, reviews and references are dated ("a 2022 review", "(Lee 2007)")."""
_CITATION = re.compile(r"\(([A-Z][A-Za-z' -]+?) (\d{4})\b[^)]*\)?")
_MORE = re.compile(r";\s*([A-Z][A-Za-z' -]+?) (\d{4})\b")

Key = tuple[str, str]
"""A study as cited: (first author's surname, year)."""


def cited(text: str) -> list[Key]:
    """The studies a text cites, in order: each (first author's surname, year)."""
    keys: list[Key] = []
    for found in _CITATION.finditer(text):
        keys.append((found.group(1).split()[0], found.group(2)))
        close = text.find(")", found.end(2))
        rest = text[found.end(2) : close if close >= 0 else len(text)]
        keys += [(m.group(1).split()[0], m.group(2)) for m in _MORE.finditer(rest)]
    return list(dict.fromkeys(keys))
