"""The Textual chat, `ChatApp(bot).run()`: it shows only what `Chatbot.ask` returns."""
