"""What is known of each source: the manifest's fields, how they read, what is checked."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from chatbot.models import DocumentMeta
from chatbot.provenance import plain_date, provenance_lines, review_line
from chatbot.vocabulary import Treatment

BASE = {"id": "leaflet", "file": "leaflet.txt", "title": "Heat and MS", "kind": "overview"}
TODAY = dt.date(2026, 6, 1)


def meta(**fields: object) -> DocumentMeta:
    return DocumentMeta.model_validate({**BASE, **fields})


def test_dates_and_lines_in_plain_words() -> None:
    assert plain_date(dt.date(2025, 3, 8)) == "8 March 2025"
    doc = meta(publisher="MS Clinic", url="https://example.org/heat",
               reviewed=dt.date(2025, 3, 8), review_due="2027-03-08")
    assert provenance_lines(doc, TODAY) == [
        "Published by: MS Clinic", "Online at: https://example.org/heat",
        "Last reviewed 8 March 2025. Next review due 8 March 2027."]
    assert review_line(meta(review_due=dt.date(2026, 1, 1)), TODAY) == (
        "Its next review was due 1 January 2026.")
    assert provenance_lines(meta(), TODAY)[0] == "Published by: not given"
    assert review_line(meta(), TODAY) == "Review dates: not given."


@pytest.mark.parametrize("bad", [
    {"url": "example.org/heat"},                       # not an address a reader can follow
    {"reviewed": "2026-01-01", "review_due": "2025-01-01"},  # due before it was reviewed
    {"reviewed": "last spring"},
    {"publishers": "MS Clinic"},                      # a typo is never silently ignored
])
def test_bad_fields_are_problems(bad: dict) -> None:
    with pytest.raises(ValidationError):
        meta(**bad)


def test_a_treatment_is_named_by_single_words() -> None:
    assert Treatment(name="cooling vests", words=["vest", "vests"]).words == ["vest", "vests"]
    with pytest.raises(ValidationError):
        Treatment(name="cooling vests", words=["cooling vest"])
