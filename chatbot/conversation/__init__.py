"""Conversations: a message read with the turns before it.

The state of a conversation is nothing but its earlier `Answer`s, oldest first, so
a stateless server can rebuild it from what the client sends back (`history`), and
`chatbot ask --json --dialogue -`, the web page and the TUI read a follow-up alike.
"""

from chatbot.conversation.session import Conversation

__all__ = ["Conversation"]
