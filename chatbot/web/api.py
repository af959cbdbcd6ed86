"""The JSON API: `POST /api/ask` and `GET /healthz`.

`/api/ask` answers `{"question": ..., "history": [earlier Answer objects, oldest
first]}` with the bytes `chatbot ask --json --dialogue -` prints for the same
conversation (one JSON object and a newline). A body it cannot use gets a 4xx with
`{"error": ..., "details": [...]}`, never a traceback, and never the text sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.responses import JSONResponse, Response

from chatbot.models import Answer
from chatbot.web.body import read_body
from chatbot.web.errors import error_response

if TYPE_CHECKING:
    from starlette.requests import Request

    from chatbot.web.settings import WebSettings

JSON_TYPES = ("application/json", "application/problem+json")


class AskRequest(BaseModel):
    """The body of `/api/ask`; unknown fields are errors, so a typo is never ignored."""

    model_config = ConfigDict(extra="forbid")
    question: str
    history: list[Answer] = []


def _field(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location) or "(body)"


def _details(exc: ValidationError) -> list[dict[str, str]]:
    """Where and what, in words, without the input (which may be a question)."""
    return [{"field": _field(err["loc"]), "problem": err["msg"]} for err in exc.errors()[:20]]


def _parse(body: bytes, settings: WebSettings) -> AskRequest | Response:
    try:
        request = AskRequest.model_validate_json(body)
    except ValidationError as exc:
        if any(err["type"] == "json_invalid" for err in exc.errors()):
            return error_response("/api/", 400, "The body is not valid JSON.")
        return error_response("/api/", 422, "The body does not have the expected fields.",
                              _details(exc))
    problem = _problem(request, settings)
    if problem:
        return error_response("/api/", 422, problem[1], [{"field": problem[0],
                                                          "problem": problem[1]}])
    return request


def _problem(request: AskRequest, settings: WebSettings) -> tuple[str, str] | None:
    if not request.question.strip():
        return "question", "The question is empty."
    if len(request.question) > settings.max_question_chars:
        return "question", f"The question is over {settings.max_question_chars} characters."
    if len(request.history) > settings.max_history:
        return "history", (f"The history has over {settings.max_history} answers: "
                           "please start a new conversation.")
    return None


async def ask(request: Request) -> Response:
    settings: WebSettings = request.app.state.settings
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type not in JSON_TYPES:
        return error_response("/api/", 415, "Send the body as JSON (Content-Type: "
                              "application/json).")
    body = await read_body(request, settings.max_body_bytes)
    parsed = _parse(body, settings)
    if isinstance(parsed, Response):
        return parsed
    answer = request.app.state.bot.ask(parsed.question, history=parsed.history)
    # Exactly the line `chatbot ask --json` writes: the model's JSON and a newline.
    return Response(answer.model_dump_json() + "\n", media_type="application/json")


async def healthz(request: Request) -> Response:
    bot = request.app.state.bot
    return JSONResponse({"status": "ok", "documents": len(bot.documents),
                         "passages": len(bot.chunks)})
