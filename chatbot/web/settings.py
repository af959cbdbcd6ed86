"""The web server's limits, in one checked model so a clinic can see them all."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class WebSettings(BaseModel):
    """Limits that keep one client from starving the others, and a page usable.

    `max_question_chars` is well above the bot's own `MAX_QUESTION_CHARS` (1,000):
    a longer message is still checked for red flags and gets the bot's fixed "too
    long" reply, as in every interface; only past this bound is it refused (422),
    since checking a huge message costs the server time (about 3 ms per 1,000
    characters).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_body_bytes: int = Field(default=512 * 1024, gt=0)
    """A request body over this is refused (413): 50 earlier answers are ~250 KB."""
    max_question_chars: int = Field(default=10_000, gt=0)
    max_history: int = Field(default=50, ge=0)
    """Earlier turns one request may carry; a longer conversation starts anew."""
    max_history_chars: int = Field(default=20_000, gt=0)
    """All the earlier questions a form carries, in characters. The server asks them
    again to rebuild the page; this bounds what one request can make it redo (fifty
    questions of a sentence or two are about 5,000)."""
    rate_burst: int = Field(default=30, gt=0)
    """Questions a client may ask at once before the rate limit applies."""
    rate_per_minute: float = Field(default=30.0, gt=0)
    """How fast a client's allowance refills, in questions a minute."""
    rate_clients: int = Field(default=10_000, gt=0)
    """Client addresses remembered (in memory only) by the rate limit, at most."""
