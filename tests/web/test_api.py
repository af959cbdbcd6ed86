"""`POST /api/ask` says, byte for byte, what `chatbot ask --json --dialogue -` prints
for the same conversation; bad bodies get clear 4xx errors, never a traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from chatbot.cli import main
from chatbot.web.settings import WebSettings

CONVERSATIONS = [
    ["can acupuncture help my bladder?", "how many people were in it?",
     "was that in humans or animals?", "thanks"],
    ["can needles help my tiredness", "what about sleep?", "hi", "who wrote these?",
     "is it safe?", "ok"],
    ["i have hives, is acupuncture safe?", "and for pain?", "tell me more about that study"],
    ["I want to kill myself", "can acupuncture help my mood?", "SOS"],
    ["can acupuncture cure diabetes?", "what about MS fatigue?",
     "<script>alert(1)</script> & \"quotes\"", "tired " * 300,
     "so the fake acupuncture did better?"],
]


def _cli_lines(conversations: list[list[str]]) -> list[bytes]:
    """What `chatbot ask --json --dialogue -` prints: one line per message; a blank
    line between conversations starts a new one."""
    text = "\n\n".join("\n".join(turns) for turns in conversations) + "\n"
    out = io.StringIO()
    assert main(["ask", "--json", "--dialogue", "-"], stdin=io.StringIO(text), stdout=out) == 0
    return [line.encode("utf-8") + b"\n" for line in out.getvalue().splitlines()]


def _api_bodies(client, conversations: list[list[str]]) -> list[bytes]:
    """A client of the API: each answer it gets joins the history it sends next."""
    bodies = []
    for turns in conversations:
        history: list[dict] = []
        for question in turns:
            response = client.post("/api/ask", json={"question": question, "history": history})
            assert response.status_code == 200, response.text
            assert response.headers["content-type"] == "application/json"
            bodies.append(response.content)
            history.append(response.json())
    return bodies


def test_the_api_is_byte_identical_to_the_cli_dialogue(client):
    cli = _cli_lines(CONVERSATIONS)
    api = _api_bodies(client, CONVERSATIONS)
    assert len(cli) == len(api) == sum(len(turns) for turns in CONVERSATIONS)
    for expected, got in zip(cli, api, strict=True):
        assert got == expected


def test_the_api_matches_the_installed_command(client):
    """The real entry point in its own process, not only `main` in this one."""
    turns = CONVERSATIONS[0]
    run = subprocess.run([sys.executable, "-m", "chatbot", "ask", "--json", "--dialogue", "-"],
                         input="\n".join(turns) + "\n", capture_output=True, text=True,
                         encoding="utf-8", timeout=60, check=True)
    cli = [line.encode("utf-8") + b"\n" for line in run.stdout.splitlines()]
    assert _api_bodies(client, [turns]) == cli


def test_history_is_what_changes_the_answer(client, bot):
    """The second turn is read with the first: the same as the Python API's."""
    first = client.post("/api/ask", json={"question": "can acupuncture help my bladder?"}).json()
    second = client.post("/api/ask", json={"question": "how many people were in it?",
                                           "history": [first]})
    conversation = bot.conversation()
    conversation.ask("can acupuncture help my bladder?")
    assert second.content.decode() == conversation.ask("how many people were in it?") \
        .model_dump_json() + "\n"


def test_a_long_question_gets_the_bots_reply_until_the_servers_bound(client, bot):
    long = "can acupuncture help my tiredness " * 40
    response = client.post("/api/ask", json={"question": long})
    assert response.status_code == 200
    assert response.json()["message"] == bot.messages.too_long
    limit = WebSettings().max_question_chars
    refused = client.post("/api/ask", json={"question": "x" * (limit + 1)})
    assert refused.status_code == 422
    assert refused.json()["details"][0]["field"] == "question"


@pytest.mark.parametrize(("body", "status", "field"), [
    (b"{not json", 400, None),
    (b"", 400, None),
    (b"[]", 422, "(body)"),
    (b'{"history": []}', 422, "question"),
    (b'{"question": 7}', 422, "question"),
    (b'{"question": "   "}', 422, "question"),
    (b'{"question": "hi", "histroy": []}', 422, "histroy"),
    (b'{"question": "hi", "history": "secret words"}', 422, "history"),
    (b'{"question": "hi", "history": [{"question": "x", "status": "bogus", "message": ""}]}',
     422, "history.0.status"),
])
def test_bad_bodies_get_clear_errors(client, body, status, field):
    response = client.post("/api/ask", content=body,
                           headers={"content-type": "application/json"})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    data = response.json()
    assert data["error"] and "Traceback" not in response.text
    if field:
        assert field in [detail["field"] for detail in data["details"]]
    assert "secret words" not in response.text  # what was sent is never echoed


def test_too_many_earlier_answers(client):
    answer = client.post("/api/ask", json={"question": "hi"}).json()
    limit = WebSettings().max_history
    response = client.post("/api/ask", json={"question": "hi", "history": [answer] * (limit + 1)})
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "history"


def test_not_json_content_type_and_wrong_method(client):
    response = client.post("/api/ask", content=b"question=hi",
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 415
    assert "application/json" in response.json()["error"]
    assert client.get("/api/ask").status_code == 405
    assert client.get("/api/ask").json() == {"error": "That method is not allowed here."}
    assert client.post("/api/nothing", json={}).status_code == 404
    assert client.post("/api/nothing", json={}).headers["content-type"] == "application/json"


def test_an_oversized_body_is_refused_before_it_is_read(client):
    big = json.dumps({"question": "hi", "pad": "x" * (WebSettings().max_body_bytes + 10)})
    response = client.post("/api/ask", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "KB" in response.json()["error"]


def test_an_oversized_body_without_a_length_is_refused_too(client):
    chunk = b"x" * 65536

    def body():
        for _ in range(20):
            yield chunk

    response = client.post("/api/ask", content=body(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_healthz(client, bot):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "documents": len(bot.documents),
                               "passages": len(bot.chunks)}
