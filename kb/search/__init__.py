"""Ranking articles for a ticket: BM25 maths (bm25), one language's index (language_index),
both languages cached on disk (index), and why each hit matched and how sure it is
(explain)."""
