"""Private and safe: headers on every response, no cookies, nothing a person asked in
any log, a fixed 500 that logs no message, a request-size limit, a rate limit."""

from __future__ import annotations

import logging
from typing import ClassVar

import pytest
from starlette.testclient import TestClient

from chatbot.web import create_app
from chatbot.web.ratelimit import TokenBuckets
from chatbot.web.security import CONTENT_SECURITY_POLICY
from chatbot.web.settings import WebSettings

SECRET = "my neighbour Zebedee Quaxley has fatigue"

REQUESTS = [
    ("get", "/", {}),
    ("post", "/ask", {"data": {"question": SECRET}}),
    ("post", "/ask/turn", {"data": {"question": SECRET}}),
    ("post", "/export", {"data": {"history": [SECRET]}}),
    ("get", "/sources", {}),
    ("get", "/sources/ea-blog?start=1&end=20", {}),
    ("post", "/api/ask", {"json": {"question": SECRET}}),
    ("post", "/api/ask", {"content": b"{bad", "headers": {"content-type": "application/json"}}),
    ("get", "/healthz", {}),
    ("get", "/static/app.css", {}),
    ("get", "/nowhere?q=" + SECRET.replace(" ", "+"), {}),
]


@pytest.mark.parametrize(("method", "path", "kwargs"), REQUESTS)
def test_every_response_has_the_security_headers_and_no_cookie(client, method, path, kwargs):
    response = getattr(client, method)(path, **kwargs)
    headers = response.headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"
    assert "set-cookie" not in headers
    static = path.startswith("/static/")
    assert headers["cache-control"] == ("public, max-age=3600" if static else "no-store")


def test_the_policy_allows_nothing_from_another_host():
    for directive in CONTENT_SECURITY_POLICY.split(";"):
        sources = directive.split()[1:]
        assert all(source in ("'self'", "'none'") for source in sources), directive
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY


def test_pages_load_nothing_from_another_host(client):
    for path in ("/", "/sources", "/sources/ea-blog"):
        html = client.get(path).text
        assert "http://" not in html and "https://" not in html and "//" not in html.replace(
            "<!doctype html>", "")


def test_no_question_text_reaches_any_log(client, caplog):
    caplog.set_level(logging.DEBUG)
    for method, path, kwargs in REQUESTS:
        getattr(client, method)(path, **kwargs)
    # The test client's own logger (httpx2) logs the URLs it sends; the server's do not.
    server = [r for r in caplog.records if not r.name.startswith("httpx")]
    text = "\n".join(record.getMessage() for record in server)
    assert "Zebedee" not in text and "Quaxley" not in text
    assert "?" not in text  # no query string either
    access = [r.getMessage() for r in caplog.records if r.name == "chatbot.web.access"]
    assert len(access) == len(REQUESTS)
    assert "POST /api/ask 200" in access[6]
    assert access[5].startswith("GET /sources/{doc_id} 200")
    assert access[-1].startswith("GET (no route) 404")


class _Broken:
    """A bot whose answer fails, with the question in its error message."""

    documents: ClassVar[list] = []
    chunks: ClassVar[list] = []

    def ask(self, question, history=()):
        raise ValueError(f"could not answer {question!r}")


def test_an_internal_error_is_a_fixed_500_and_logs_no_message(caplog):
    caplog.set_level(logging.INFO)
    with TestClient(create_app(_Broken(), WebSettings()), raise_server_exceptions=False) as c:
        response = c.post("/api/ask", json={"question": SECRET})
        page = c.post("/ask", data={"question": SECRET})
    assert response.status_code == 500
    assert response.json() == {"error": "Something went wrong on the server. Please try again."}
    assert page.status_code == 500 and "Something went wrong" in page.text
    assert SECRET not in response.text + page.text
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "internal error: ValueError at" in logged
    assert "Zebedee" not in logged
    assert response.headers["x-content-type-options"] == "nosniff"


def test_an_oversized_form_is_refused(client):
    big = {"question": "hi", "history": ["x" * 9000] * 70}
    response = client.post("/ask", data=big)
    assert response.status_code == 413
    assert "text/html" in response.headers["content-type"]


def test_the_rate_limit_answers_429_with_retry_after(bot):
    app = create_app(bot, WebSettings(rate_burst=3, rate_per_minute=6))
    with TestClient(app, client=("192.0.2.1", 5000)) as first, \
            TestClient(app, client=("192.0.2.2", 5000)) as second:
        codes = [first.post("/api/ask", json={"question": "hi"}).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = first.post("/api/ask", json={"question": "hi"})
        assert limited.json()["error"].startswith("Too many questions at once")
        assert int(limited.headers["retry-after"]) == 10
        page = first.post("/ask", data={"question": "hi"})
        assert page.status_code == 429 and "Too many questions" in page.text
        assert first.get("/").status_code == 200  # reading is not limited
        assert second.post("/api/ask", json={"question": "hi"}).status_code == 200


def test_token_buckets_refill_and_forget_the_oldest_client():
    now = [0.0]
    buckets = TokenBuckets(burst=2, per_minute=60, max_clients=2, clock=lambda: now[0])
    assert [buckets.take("a"), buckets.take("a")] == [0, 0]
    assert buckets.take("a") == pytest.approx(1.0)
    now[0] = 0.5
    assert buckets.take("a") == pytest.approx(0.5)
    now[0] = 1.6
    assert buckets.take("a") == 0
    buckets.take("b")
    buckets.take("c")
    assert len(buckets) == 2
    assert buckets.take("a") == 0  # "a" was forgotten: a fresh allowance
