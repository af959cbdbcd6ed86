"""Small talk: greetings, thanks, "ok" and goodbyes get a short fixed reply.

A message is small talk only when every word of it is: "thanks so much" is, "thanks,
does it help pain?" is a question (and the question is answered).
"""

from __future__ import annotations

from chatbot.conversation.texts import SmallTalk, SmallTalkReply, find_phrases, phrase_key

MAX_WORDS = 8
"""Longer messages are never small talk: a greeting is a few words."""


def small_talk(message: str, talk: SmallTalk) -> SmallTalkReply | None:
    """The reply for a message that is nothing but small talk, else None. When it
    holds several kinds ("ok thanks, bye"), the first in the file's order wins."""
    key = phrase_key(message)
    if not key or len(key) > MAX_WORDS:
        return None
    covered = [False] * len(key)
    found: list[SmallTalkReply] = []
    for reply in talk.replies:
        rest = tuple(w if not covered[i] else "" for i, w in enumerate(key))
        for start, end in find_phrases(rest, reply.keys):
            covered[start:end] = [True] * (end - start)
            if reply not in found:
                found.append(reply)
    filler = set(talk.filler)
    if not found or any(not c and w not in filler for w, c in zip(key, covered, strict=True)):
        return None
    return found[0]
