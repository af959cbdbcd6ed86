"""`chatbot corpus check` and `corpus list`: a clinic's own corpus, judged at once.

Each broken corpus below is written by the test. The check must name the file and
the field of every problem, one line each, exit non-zero, and the bot must refuse
the corpus rather than build an index from the part that happened to load.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from chatbot import Chatbot
from chatbot.chunking import chunk_document
from chatbot.cli import main
from chatbot.corpus import CorpusError, check_corpus, load_corpus

GOOD_TEXT = (
    "Bladder problems in MS\n\n"
    "A small trial found that acupuncture reduced bladder urgency in people with "
    "multiple sclerosis. The trial had only twenty participants.\n\n"
    "Book your session today!\n"
)
SLEEP_TEXT = "Some people with MS report better sleep after acupuncture.\n"

GOOD_MANIFEST = """
[[documents]]
id = "clinic-note"
file = "bladder.txt"
title = "Bladder problems in MS"
kind = "clinic_marketing_blog"
published = "1 Mar 2024"

  [[documents.never_quote]]
  reason = "advert"
  start = "Book your session today"

[[documents]]
id = "sleep-sheet"
file = "sleep.txt"
title = "Sleep and acupuncture"
kind = "evidence_factsheet"
"""


def write_corpus(root: Path, manifest: str, files: dict[str, str | bytes]) -> Path:
    (root / "documents").mkdir(parents=True)
    (root / "manifest.toml").write_text(manifest, encoding="utf-8")
    for name, content in files.items():
        path = root / "documents" / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def good_files() -> dict[str, str | bytes]:
    return {"bladder.txt": GOOD_TEXT, "sleep.txt": SLEEP_TEXT}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv, stdin=io.StringIO(""), stdout=None)
    out, err = capsys.readouterr()
    return code, out, err


def test_good_corpus_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_corpus(tmp_path / "c", GOOD_MANIFEST, good_files())
    assert check_corpus(root) == []
    passages = sum(len(chunk_document(d)) for d in load_corpus(root).documents)
    code, out, err = run(["corpus", "check", str(root)], capsys)
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[-1] == f"OK: {root}: 2 documents, {passages} passages, {len(lines) - 1} warnings"
    assert all(line.startswith("warning: ") for line in lines[:-1])
    assert err == ""


def test_bundled_corpus_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_corpus() == []
    code, out, _ = run(["corpus", "check"], capsys)
    assert code == 0
    assert out.splitlines()[-1].startswith("OK: ")
    # The sources say little of themselves: only the clinic names its publisher, and
    # none gives an address or review dates. Every example question is answered.
    warnings = [line for line in out.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 19 and not any("examples[" in w for w in warnings)
    assert not any("'clinic-blog').publisher" in w for w in warnings)


# (what is broken, manifest edit, file edit, expected fragments of the one line)
CASES = [
    (
        "missing document",
        None,
        {"sleep.txt": None},
        ["documents/sleep.txt", "missing document", "documents[1] (id 'sleep-sheet').file"],
    ),
    (
        "empty document",
        None,
        {"sleep.txt": "  \n\n"},
        ["documents/sleep.txt", "empty document", "documents[1] (id 'sleep-sheet').file"],
    ),
    (
        "not UTF-8",
        None,
        {"sleep.txt": b"caf\xe9 and acupuncture\n"},
        ["documents/sleep.txt", "not UTF-8"],
    ),
    (
        "bad TOML",
        ("[[documents]]\nid = \"sleep-sheet\"\n", "[[documents]]\nid = sleep-sheet\n"),
        None,
        ["manifest.toml", "not valid TOML", "line"],
    ),
    (
        "unknown field",
        ('kind = "evidence_factsheet"', 'kind = "evidence_factsheet"\ntitel = "typo"'),
        None,
        ["manifest.toml", "field documents[1] (id 'sleep-sheet').titel", "unknown field"],
    ),
    (
        "missing field",
        ('title = "Sleep and acupuncture"\n', ""),
        None,
        ["manifest.toml", "field documents[1] (id 'sleep-sheet').title", "missing field"],
    ),
    (
        "bad kind",
        ('kind = "evidence_factsheet"', 'kind = "blog"'),
        None,
        ["manifest.toml", "field documents[1] (id 'sleep-sheet').kind", "evidence_factsheet"],
    ),
    (
        "duplicate id",
        ('id = "sleep-sheet"', 'id = "clinic-note"'),
        None,
        ["manifest.toml", "field documents[1] (id 'clinic-note').id", "duplicate id"],
    ),
    (
        "file listed twice",
        ('file = "sleep.txt"', 'file = "bladder.txt"'),
        None,
        ["manifest.toml", "field documents[1] (id 'sleep-sheet').file", "listed twice"],
    ),
    (
        "file outside documents/",
        ('file = "sleep.txt"', 'file = "../manifest.toml"'),
        None,
        ["manifest.toml", "documents[1] (id 'sleep-sheet').file", "inside documents/"],
    ),
    (
        "never-quote start not in document",
        ('start = "Book your session today"', 'start = "Book now"'),
        None,
        ["manifest.toml", "documents[0] (id 'clinic-note').never_quote[0].start",
         "not found in bladder.txt", "'Book now'"],
    ),
    (
        "never-quote end not in document",
        ('start = "Book your session today"', 'start = "Book your session today"\nend = "zzz"'),
        None,
        ["manifest.toml", "documents[0] (id 'clinic-note').never_quote[0].end",
         "not found in bladder.txt"],
    ),
    (
        "nothing left to index",
        ('start = "Book your session today"', 'start = "Bladder problems"\nend = "today!"'),
        None,
        ["documents/bladder.txt", "nothing left to index", "'clinic-note'"],
    ),
    (
        "no documents",
        (GOOD_MANIFEST, "documents = []\n"),
        None,
        ["manifest.toml", "field documents", "at least 1"],
    ),
]


@pytest.mark.parametrize(
    ("what", "manifest_edit", "file_edit", "fragments"), CASES, ids=[c[0] for c in CASES]
)
def test_each_problem_is_one_line_naming_file_and_field(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    what: str,
    manifest_edit: tuple[str, str] | None,
    file_edit: dict[str, str | bytes | None] | None,
    fragments: list[str],
) -> None:
    manifest = GOOD_MANIFEST
    if manifest_edit:
        assert manifest_edit[0] in manifest
        manifest = manifest.replace(manifest_edit[0], manifest_edit[1], 1)
    files = good_files()
    for name, content in (file_edit or {}).items():
        if content is None:
            del files[name]
        else:
            files[name] = content
    root = write_corpus(tmp_path / "c", manifest, files)

    problems = check_corpus(root)
    assert len(problems) == 1, problems
    for fragment in fragments:
        assert fragment in problems[0], (fragment, problems[0])
    assert "\n" not in problems[0]

    code, out, err = run(["corpus", "check", str(root)], capsys)
    assert code == 1
    assert out.splitlines() == problems
    assert err.strip() == f"chatbot corpus check: 1 problem in {root}"


def test_every_problem_is_reported_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = GOOD_MANIFEST.replace('kind = "evidence_factsheet"', 'kind = "x"\nextra = 1')
    manifest = manifest.replace('start = "Book your session today"', 'start = "nope"')
    manifest += (
        '\n[[documents]]\nid = "clinic-note"\nfile = "gone.txt"\ntitle = "T"\nkind = "overview"\n'
    )
    root = write_corpus(tmp_path / "c", manifest, good_files())
    problems = check_corpus(root)
    joined = "\n".join(problems)
    assert len(problems) == 5, problems
    for fragment in (".kind:", ".extra: unknown field", "never_quote[0].start",
                     "duplicate id 'clinic-note'", "gone.txt: missing document"):
        assert fragment in joined
    code, out, _ = run(["corpus", "check", str(root)], capsys)
    assert code == 1
    assert len(out.splitlines()) == 5


def test_missing_directory_and_manifest(tmp_path: Path) -> None:
    nowhere = tmp_path / "nowhere"
    assert check_corpus(nowhere) == [f"{nowhere}: corpus directory not found"]
    (tmp_path / "empty").mkdir()
    assert check_corpus(tmp_path / "empty") == [
        f"{tmp_path / 'empty' / 'manifest.toml'}: missing manifest file"
    ]


def test_broken_corpus_builds_no_bot_and_answers_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = GOOD_MANIFEST.replace('start = "Book your session today"', 'start = "nope"')
    root = write_corpus(tmp_path / "c", manifest, good_files())
    with pytest.raises(CorpusError) as caught:
        Chatbot(root)
    assert caught.value.problems == check_corpus(root)
    code, out, err = run(["ask", "--corpus", str(root), "--json", "bladder urgency"], capsys)
    assert code == 2
    assert out == ""
    assert err.splitlines() == [f"chatbot: {p}" for p in check_corpus(root)]


def test_corpus_with_nothing_to_index_is_refused_by_ask(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = GOOD_MANIFEST.replace(
        'start = "Book your session today"', 'start = "Bladder problems"\nend = "today!"'
    ).split("[[documents]]")
    root = write_corpus(tmp_path / "c", "[[documents]]".join(manifest[:2]), good_files())
    code, out, err = run(["ask", "--corpus", str(root), "bladder"], capsys)
    assert code == 2
    assert out == ""
    assert "nothing left to index" in err
    assert "Traceback" not in err
