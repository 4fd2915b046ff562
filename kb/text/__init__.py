"""Text in both languages, at the bottom of every layer: Han script conversion (han),
which language a text is in (language), search terms (tokens) and gettext sentences
(messages). Imports nothing from kb but kb.errors."""
