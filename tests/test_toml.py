"""`parse_toml` (rtoml, for start-up) reads what Python's tomllib reads, in the same
order and with the same types, and a broken file is still reported in tomllib's words."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from chatbot.data import DATA_DIR, parse_toml

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = [*sorted(DATA_DIR.glob("*.toml")), ROOT / "corpus" / "manifest.toml",
           *sorted((ROOT / "tests" / "data").rglob("manifest.toml"))]

EDGES = '''
z = 1
a = 2.5e-3
date = 2024-01-02
stamp = 1979-05-27T07:32:00Z
offset = 1979-05-27T00:32:00-07:00
local = 1979-05-27T07:32:00
time = 07:32:00
big = 99999999999999999999
hex = 0xDEADBEEF
escaped = "tab\\t \\u00e9 \\U0001F600 \\"q\\""
joined = """
one \\
   two"""
literal = 'C:\\path'
raw = \'\'\'
kept \\n as written\'\'\'
words = ["b", "a", 'c', """d"""]
[table]
"quoted key" = true
inline = { b = 1, a = [1, 2] }
[[rows]]
x = 1
[[rows]]
x = 2
'''


def _shape(value: object) -> object:
    """Keys in order and every value's type: dict equality alone ignores both."""
    if isinstance(value, dict):
        return [(key, _shape(v)) for key, v in value.items()]
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return type(value).__name__, value


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_bundled_file_reads_as_tomllib_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _shape(parse_toml(text)) == _shape(tomllib.loads(text))


def test_edge_cases_read_as_tomllib_reads_them() -> None:
    assert _shape(parse_toml(EDGES)) == _shape(tomllib.loads(EDGES))


@pytest.mark.parametrize("text", ["a = ", "a = 1\na = 2", "[t]\n[t]", 'a = "x',
                                  "a = 1979-13-01", "[[documents]]\nid = sleep-sheet\n"])
def test_a_broken_file_is_reported_in_tomllib_words(text: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as expected:
        tomllib.loads(text)
    with pytest.raises(tomllib.TOMLDecodeError) as got:
        parse_toml(text)
    assert str(got.value) == str(expected.value)
