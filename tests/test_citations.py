"""Reading the documents' citations: one reading for caveats, kinds and studies."""

from __future__ import annotations

import pytest

from chatbot.citations import cited


@pytest.mark.parametrize(("text", "keys"), [
    ("... because of side effects (Tjon Eng Soe 2009).", [("Tjon", "2009")]),
    ("the brain (Hui 2010; Hui 2009).", [("Hui", "2010"), ("Hui", "2009")]),
    ("(MS Society 2012), an autoimmune disorder (Compston 2006)",
     [("MS", "2012"), ("Compston", "2006")]),
    ("antinociceptive properties (Goldman 2010;", [("Goldman", "2010")]),
])
def test_a_citation_names_its_first_author_and_year(text, keys) -> None:
    assert cited(text) == keys


@pytest.mark.parametrize("text", ["A 2022 review of 31 studies", "In 2012 the factsheet",
                                  "(see below)", "14 patients (aged 30-60)"])
def test_a_year_or_a_bracket_alone_is_no_citation(text) -> None:
    assert cited(text) == []
