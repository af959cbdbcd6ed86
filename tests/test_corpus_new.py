"""`chatbot corpus new DIR`, and the minimal manifest the README shows: both give a
corpus that `corpus check` passes, as a clinic starting its own would need."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from chatbot import Chatbot
from chatbot.cli import main
from chatbot.corpus import check_corpus, corpus_warnings, example_warnings, load_corpus

README = Path(__file__).parent.parent / "README.md"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv, stdin=io.StringIO(""), stdout=None)
    out, err = capsys.readouterr()
    return code, out, err


def test_new_writes_a_commented_corpus_that_passes_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    root = tmp_path / "clinic"
    code, out, err = run(["corpus", "new", str(root)], capsys)
    assert code == 0 and err == ""
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == [
        "documents/example.txt", "manifest.toml"]
    assert f"chatbot corpus check {root}" in out
    manifest = (root / "manifest.toml").read_text(encoding="utf-8")
    assert sum(line.startswith("#") for line in manifest.splitlines()) >= 30  # commented
    assert check_corpus(root) == []
    code, out, _ = run(["corpus", "check", str(root)], capsys)
    assert code == 0 and out.splitlines()[-1].endswith("4 warnings")
    # What only its owner can know is named; its example question is answered.
    corpus = load_corpus(root)
    assert [w.rsplit(".", 1)[1].split(":")[0] for w in corpus_warnings(corpus)] == [
        "url", "publisher", "reviewed", "review_due"]
    assert example_warnings(corpus, Chatbot(root)) == []


def test_new_never_touches_a_directory_in_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, out, err = run(["corpus", "new", str(tmp_path)], capsys)
    assert code == 2 and out == "" and "already exists and is not an empty directory" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(["corpus", "new", str(empty)], capsys)[0] == 0


def test_the_readme_minimal_manifest_is_a_corpus(tmp_path: Path) -> None:
    readme = README.read_text(encoding="utf-8")
    section = readme[readme.index("### A corpus of your own"):]
    manifest = re.search(r"```toml\n(.*?)```", section, re.DOTALL).group(1)
    files = re.findall(r'file = "([^"]+)"', manifest)
    (tmp_path / "documents").mkdir()
    (tmp_path / "manifest.toml").write_text(manifest, encoding="utf-8")
    for name in files:
        (tmp_path / "documents" / name).write_text(
            "Keeping cool\n\nHeat can make MS symptoms worse for a while. A cool shower "
            "helps many people.\n", encoding="utf-8")
    assert check_corpus(tmp_path) == []
    bot = Chatbot(tmp_path)
    assert bot.ask("does heat make ms worse").status == "answered"
