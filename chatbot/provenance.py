"""What is known of a source beyond its title and kind: who publishes it, where it can
be read, when it was last reviewed and when its next review is due.

Patient-information standards ask every source to say so (the NHS's "last reviewed",
"next review due"). The sources view, the plain chat, the export and `corpus list`
say it in the same words; `corpus check` names what a document leaves out.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

NOT_GIVEN = "not given"


class HasProvenance(Protocol):
    """A document's metadata or a quoted passage: both carry these four."""

    publisher: str | None
    url: str | None
    reviewed: dt.date | None
    review_due: dt.date | None


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def plain_date(day: dt.date) -> str:
    """'18 March 2025': a date as a person reads it, whatever the machine's locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def review_line(source: HasProvenance, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    parts = []
    if source.reviewed:
        parts.append(f"Last reviewed {plain_date(source.reviewed)}.")
    if source.review_due:
        due = plain_date(source.review_due)
        parts.append(f"Its next review was due {due}." if source.review_due <= today
                     else f"Next review due {due}.")
    return " ".join(parts) or f"Review dates: {NOT_GIVEN}."


def provenance_lines(source: HasProvenance, today: dt.date | None = None) -> list[str]:
    """One short line each: publisher, address, review dates (saying when not given)."""
    return [
        f"Published by: {source.publisher or NOT_GIVEN}",
        f"Online at: {source.url or NOT_GIVEN}",
        review_line(source, today),
    ]
