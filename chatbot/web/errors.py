"""Error responses in the client's language: JSON under /api/, a page elsewhere.

Every message is fixed text or names a field; none repeats what was sent, so an
error can be logged or shown without leaking a question.
"""

from __future__ import annotations

from starlette.responses import HTMLResponse, JSONResponse, Response

from chatbot.web.render import page

TITLES = {
    400: "That request could not be read",
    404: "Page not found",
    405: "That is not allowed here",
    413: "That is too much to send at once",
    415: "Please send JSON",
    422: "That request could not be used",
    429: "Too many questions at once",
    500: "Something went wrong",
}


def wants_json(path: str) -> bool:
    return path.startswith("/api/") or path == "/healthz"


def error_response(path: str, status: int, message: str,
                   details: list[dict[str, str]] | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    if wants_json(path):
        body: dict[str, object] = {"error": message}
        if details:
            body["details"] = details
        return JSONResponse(body, status_code=status, headers=headers)
    html = page("error.html", title=TITLES.get(status, "Something went wrong"), message=message,
                status=status)
    return HTMLResponse(html, status_code=status, headers=headers)
