"""The chatbot as a web page a clinic can host (`chatbot serve`).

Server-rendered HTML that works without JavaScript (forms that post) and a JSON
API, both over `Chatbot.ask`, so the page says what every other interface says.
The server keeps no state: a conversation travels with each request (the page's
form carries the earlier questions; the API's body the earlier answers).

One job a module: `settings` (limits), `app` (wiring), `api` (JSON), `pages`
(HTML routes), `forms` (reading a posted form), `replay` (a conversation from its
questions), `render` (answers as view parts), `documents` (a source with the quote
marked), `security` (headers, body limit, access log, errors), `ratelimit`.
Starlette, uvicorn and Jinja2 are the `.[web]` extra; nothing here is imported by
the other interfaces.
"""

from chatbot.web.app import create_app

__all__ = ["create_app"]
