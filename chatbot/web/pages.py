"""The HTML pages: the conversation, the sources, one source with its quote marked,
and the export as a download. Every page works without JavaScript.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.responses import HTMLResponse, Response

from chatbot.export import conversation_markdown
from chatbot.messages import messages_for
from chatbot.web.body import read_body
from chatbot.web.documents import pieces, valid_span
from chatbot.web.errors import error_response
from chatbot.web.forms import ChatForm, FormError, parse_form
from chatbot.web.history import exchanges, replay
from chatbot.web.render import page, turn

if TYPE_CHECKING:
    from starlette.requests import Request

    from chatbot.bot import Chatbot
    from chatbot.models import Answer
    from chatbot.web.settings import WebSettings

EXPORT_NAME = "chatbot-conversation.md"
FULL = "This conversation is as long as it can be. You can save it, then start a new one."


def _bot(request: Request) -> Chatbot:
    return request.app.state.bot


def _history(answers: list[Answer], alone: list[bool]) -> list[tuple[str, bool]]:
    """The hidden fields' earlier questions, each with whether it was asked on its own."""
    return [(answer.question, i < len(alone) and alone[i]) for i, answer in enumerate(answers)]


def _conversation_page(request: Request, answers: list[Answer], alone: list[bool],
                       error: str = "", typed: str = "") -> str:
    bot = _bot(request)
    settings: WebSettings = request.app.state.settings
    turns = [turn(n, answer) for n, answer in enumerate(answers, start=1)]
    return page(
        "chat.html",
        welcome=messages_for(bot).welcome,
        examples=messages_for(bot).examples,
        turns=turns,
        history=_history(answers, alone),
        error=error,
        typed=typed,
        full=len(answers) >= settings.max_history,
        help_text=messages_for(bot).help,
        empty=messages_for(bot).empty,
    )


async def home(request: Request) -> Response:
    return HTMLResponse(_conversation_page(request, [], []))


async def _form(request: Request) -> ChatForm | Response:
    settings: WebSettings = request.app.state.settings
    try:
        return parse_form(await read_body(request, settings.max_body_bytes), settings)
    except FormError:
        return error_response(request.url.path, 422, "This form could not be used. "
                              "Please start a new conversation.")


async def _asked(
    request: Request,
) -> tuple[list[Answer], list[bool], str, str] | Response:
    """The answers after this post (the earlier ones replayed, then the new one),
    which were asked on their own, an error for the question box, and the text to
    put back in it."""
    form = await _form(request)
    if isinstance(form, Response):
        return form
    conversation = replay(_bot(request), form.history, form.history_alone)
    alone = list(form.history_alone)
    settings: WebSettings = request.app.state.settings
    if len(form.history) >= settings.max_history:
        return conversation.history, alone, FULL, form.question
    if not form.asked:
        return conversation.history, alone, messages_for(_bot(request)).empty, ""
    if form.alone:
        conversation.ask_alone(form.question)
    else:
        conversation.ask(form.question)
    return conversation.history, [*alone, form.alone], "", ""


async def ask(request: Request) -> Response:
    """The whole page again, with the new turn last (the form posts to `#latest`)."""
    result = await _asked(request)
    if isinstance(result, Response):
        return result
    answers, alone, error, typed = result
    return HTMLResponse(_conversation_page(request, answers, alone, error, typed))


async def ask_turn(request: Request) -> Response:
    """The new turn alone, for the page's script to add to the log (no reload)."""
    result = await _asked(request)
    if isinstance(result, Response):
        return result
    answers, alone, error, _ = result
    if error:
        return error_response(request.url.path, 422, error)
    html = page("turn_fragment.html", t=turn(len(answers), answers[-1]),
                history=_history(answers, alone))
    return HTMLResponse(html)


async def export(request: Request) -> Response:
    """The conversation as Markdown, as a download: the browser saves it, not us."""
    form = await _form(request)
    if isinstance(form, Response):
        return form
    answers = replay(_bot(request), form.history, form.history_alone).history
    text = conversation_markdown(exchanges(answers), intro=messages_for(_bot(request)).welcome)
    return Response(text, media_type="text/markdown; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{EXPORT_NAME}"'})


async def sources(request: Request) -> Response:
    bot = _bot(request)
    return HTMLResponse(page("sources.html", documents=bot.documents,
                             intro=messages_for(bot).sources_intro.text))


def _offset(request: Request, name: str) -> int | None:
    value = request.query_params.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


async def document(request: Request) -> Response:
    bot = _bot(request)
    doc_id = request.path_params["doc_id"]
    meta = next((doc for doc in bot.documents if doc.id == doc_id), None)
    if meta is None:
        return error_response(request.url.path, 404, "There is no source with that name.")
    text = bot.document_text(doc_id)
    span = valid_span(text, _offset(request, "start"), _offset(request, "end"))
    return HTMLResponse(page("document.html", doc=meta, quote=span,
                             paragraphs=pieces(text, span, bot.never_quoted(doc_id))))
