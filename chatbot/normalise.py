"""The one normalisation of text, for every reader.

The analyser (documents and questions), the red-flag check and the scripted Q&A's
phrase matching all see text the same way: Unicode compatibility forms folded (NFKC:
"ﬁ" is "fi", "…" is "..."), curly quotes and typographic dashes as their plain
forms, bullets as spaces, lower case. Offsets into a document are never taken from
normalised text: quotes are cut from the document as written.
"""

from __future__ import annotations

import unicodedata

_PLAIN = (
    ("\u2019", "'"), ("\u2018", "'"), ("`", "'"),      # ’ ‘ ` -> '
    ("\u201c", '"'), ("\u201d", '"'),                  # “ ” -> "
    ("\u2010", "-"), ("\u2013", "-"),                  # hyphen, en dash -> -
    ("\u2022", " "),                                   # • -> space
)
"""An em dash stays: it parts two words ("tired—so tired"), where "-" joins them."""


def normalise(text: str) -> str:
    if text.isascii():  # NFKC leaves ASCII as it is: most text needs only this
        return text.replace("`", "'").lower()
    text = unicodedata.normalize("NFKC", text)
    for fancy, plain in _PLAIN:  # str.replace is far faster than str.translate here
        text = text.replace(fancy, plain)
    return text.lower()
