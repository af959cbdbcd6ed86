"""One module per screen: chat, help, sources, document, export and too-small."""
