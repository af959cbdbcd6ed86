"""Widgets of the chat screen; each shows corpus and typed text literally."""
