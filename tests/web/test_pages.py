"""The HTML pages without a browser: the conversation travels in the form, the
answers are the bot's own, every text is escaped, the export is a download."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from chatbot.export import conversation_markdown
from chatbot.web.forms import SOS_WORD
from chatbot.web.pages import FULL
from chatbot.web.render import quote_link
from chatbot.web.settings import WebSettings


class _Page(HTMLParser):
    """Collects the parts of a page the tests look at (text by element, attributes)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text_in: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in ("input", "br", "meta", "link"):
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self.stack and self.stack[-1][0] != tag:
            self.stack.pop()
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        for tag, attrs in self.stack:
            for key in (tag, *(f".{c}" for c in (attrs.get("class") or "").split())):
                self.text_in.setdefault(key, []).append(data)

    def text(self, key: str) -> str:
        """The text of every `key` element (a tag or a .class), text nodes spaced."""
        return " ".join(self.text_in.get(key, []))

    def attrs(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.elements if name == tag]


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _history(page: _Page, form_id: str = "chat") -> list[str]:
    """The hidden history fields of the main form (the first form with that id)."""
    inside, values = False, []
    for tag, attrs in page.elements:
        if tag == "form":
            inside = attrs.get("id") == form_id
        elif inside and tag == "input" and attrs.get("name") == "history":
            values.append(attrs.get("value") or "")
    return values


def test_the_start_page_is_a_log_a_label_and_a_form(client, bot):
    response = client.get("/")
    assert response.status_code == 200
    page = parse(response.text)
    assert 'role="log"' in response.text
    assert any(a.get("for") == "question" for a in page.attrs("label"))
    forms = page.attrs("form")
    assert all(f.get("method") == "post" and f.get("action") == "/ask#latest" for f in forms)
    assert bot.messages.examples[0] in page.text(".choices")
    assert "article" not in [tag for tag, _ in page.elements]


def test_a_posted_question_is_answered_and_carried_back(client, bot):
    question = "can needles help my tiredness"
    page = parse(client.post("/ask", data={"question": question}).text)
    assert _history(page) == [question]
    answer = bot.ask(question)
    assert page.text("blockquote").split() == " ".join(p.quote for p in answer.passages).split()


def test_the_history_is_replayed_in_order(client, bot):
    questions = ["can acupuncture help my bladder?", "how many people were in it?"]
    response = client.post("/ask", data={"history": questions, "question": "is it safe?"})
    page = parse(response.text)
    assert _history(page) == [*questions, "is it safe?"]
    assert len(page.attrs("article")) == 3
    latest = [a for a in page.attrs("article") if a.get("id") == "latest"]
    assert [a["data-question"] for a in latest] == ["is it safe?"]
    conversation = bot.conversation()
    expected = [conversation.ask(q) for q in [*questions, "is it safe?"]]
    quotes = page.text("blockquote").split()
    assert quotes == " ".join(p.quote for a in expected for p in a.passages).split()


def test_example_and_sos_buttons(client, bot):
    page = parse(client.post("/ask", data={"example": bot.messages.examples[2]}).text)
    assert _history(page) == [bot.messages.examples[2]]
    page = parse(client.post("/ask", data={"sos": "1", "question": "ignored"}).text)
    assert _history(page) == [SOS_WORD]
    assert " ".join(page.text(".urgent").split()) == " ".join(bot.ask(SOS_WORD).message.split())


def test_an_empty_question_is_an_error_not_a_turn(client, bot):
    response = client.post("/ask", data={"question": "   ", "history": ["hi"]})
    page = parse(response.text)
    assert bot.messages.empty in page.text(".form-error")
    assert len(page.attrs("article")) == 1
    box = next(a for a in page.attrs("input") if a.get("id") == "question")
    assert box["aria-invalid"] == "true"
    assert "question-error" in box["aria-describedby"]


def test_a_full_conversation_asks_no_more(client):
    limit = 3
    from starlette.testclient import TestClient

    from chatbot.web import create_app

    small = create_app(client.app.state.bot, WebSettings(max_history=limit, rate_burst=100))
    with TestClient(small) as other:
        page = parse(other.post("/ask", data={"history": ["hi"] * limit, "question": "ok"}).text)
    assert FULL in page.text(".form-error")
    assert len(page.attrs("article")) == limit
    assert not any(a.get("id") == "question" for a in page.attrs("input"))


def test_the_turn_fragment_is_one_article(client):
    response = client.post("/ask/turn", data={"history": ["hi"], "question": "thanks"})
    assert response.status_code == 200
    page = parse(response.text)
    articles = page.attrs("article")
    assert len(articles) == 1 and articles[0]["id"] == "latest"
    assert articles[0]["data-question"] == "thanks"
    assert "<html" not in response.text
    assert client.post("/ask/turn", data={"question": ""}).status_code == 422


def test_everything_is_escaped(client):
    attack = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    response = client.post("/ask", data={"question": attack, "history": [attack]})
    assert "<script>alert" not in response.text
    assert "<img" not in response.text
    page = parse(response.text)
    assert _history(page) == [attack, attack]
    assert page.text("h3").count(attack) == 2
    assert response.text.count("<script") == 1  # the page's own /static/app.js


def test_export_is_a_markdown_download(client, bot):
    questions = ["can needles help my tiredness", "my face is drooping on one side suddenly"]
    response = client.post("/export", data={"history": questions, "question": "not asked"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/markdown; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="chatbot-conversation.md"')
    conversation = bot.conversation()
    exchanges = [(q, conversation.ask(q)) for q in questions]
    assert response.text == conversation_markdown(exchanges, intro=bot.messages.welcome)


def test_the_sources_list(client, bot):
    page = parse(client.get("/sources").text)
    hrefs = [a.get("href") for a in page.attrs("a")]
    for doc in bot.documents:
        assert f"/sources/{doc.id}" in hrefs
        assert doc.title in page.text("h2")


def test_a_source_in_full_with_its_quote_marked(client, bot):
    passage = bot.ask("can needles help my tiredness").passages[0]
    response = client.get(quote_link(passage).split("#")[0])
    page = parse(response.text)
    marked = "".join(page.text_in["mark"][1:])  # the first is the hint's "like this"
    assert " ".join(marked.split()) == " ".join(passage.quote.split())
    assert "[Quote starts]" in page.text(".mark-label")
    # Every word of the document is on the page, escaped and in order.
    shown = re.sub(r"\[(Quote starts|Quote ends|Never quoted: [^\]]*)\]", " ",
                   page.text(".document"))
    assert shown.split() == bot.document_text(passage.doc_id).split()


def test_never_quoted_parts_are_labelled(client, bot):
    doc = next(d for d in bot.documents if bot.never_quoted(d.id))
    page = parse(client.get(f"/sources/{doc.id}").text)
    assert page.text(".never-label").startswith("[Never quoted: ")
    assert page.attrs("mark") == []


def test_a_bad_source_link(client, bot):
    doc = bot.documents[0]
    assert client.get("/sources/no-such-doc").status_code == 404
    for query in ("?start=5&end=2", "?start=0&end=99999999", "?start=a&end=b", "?start=-1&end=4"):
        response = client.get(f"/sources/{doc.id}{query}")
        assert response.status_code == 200
        assert parse(response.text).attrs("mark") == []


def test_a_form_with_too_many_fields(client):
    fields = "&".join(["history=hi"] * (WebSettings().max_history + 20))
    response = client.post("/ask", content=fields,
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 422
    assert "text/html" in response.headers["content-type"]


def test_the_history_a_form_may_make_the_server_replay_is_bounded(client):
    """Fifty long messages would cost the server seconds to ask again: refused."""
    settings = WebSettings()
    long = "tired " * (settings.max_question_chars // 6)
    count = settings.max_history_chars // len(long) + 1
    response = client.post("/ask", data={"history": [long] * count, "question": "hi"})
    assert response.status_code == 422
    assert "start a new conversation" in response.text


def test_unknown_pages_are_404_pages(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.text


def _fields(page: _Page, form_class: str) -> list[tuple[str | None, str | None]]:
    """(name, value) of every input of the forms with this class, in order."""
    inside, out = False, []
    for tag, attrs in page.elements:
        if tag == "form":
            inside = form_class in (attrs.get("class") or "").split()
        elif inside and tag in ("input", "button"):
            out.append((attrs.get("name"), attrs.get("value")))
    return out


def test_a_follow_up_that_could_stand_alone_offers_to_ask_it_on_its_own(client, bot):
    first, follow = "can acupuncture help my tiredness", "does it help pain?"
    page = parse(client.post("/ask", data={"history": [first], "question": follow}).text)
    assert _fields(page, "alone-choice") == [
        ("history", first), ("alone", "1"), ("question", follow)]
    assert bot.messages.choice_alone_button in page.text("button")


def test_asked_on_its_own_it_is_read_alone_and_stays_so_when_replayed(client, bot):
    first, follow = "can acupuncture help my tiredness", "does it help pain?"
    response = client.post("/ask", data={"history": [first], "question": follow, "alone": "1"})
    page = parse(response.text)
    alone = bot.ask(follow)
    shown = " ".join(page.text("blockquote").split())
    assert " ".join(alone.passages[0].quote.split()[:8]) in shown
    assert "Reading this with your earlier question" not in response.text
    assert _history(page) == [first]  # the second comes back as asked on its own
    assert ("history_alone", follow) in [(a.get("name"), a.get("value"))
                                         for a in page.attrs("input")]
    again = client.post("/ask", content=f"history={first}&history_alone={follow}&question=ok",
                        headers={"content-type": "application/x-www-form-urlencoded"})
    assert "Reading this with your earlier question" not in parse(again.text).text("article")
