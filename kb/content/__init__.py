"""The articles: their files and front matter (documents), the loaded tree (catalogue),
the writers' checks (lint), translation freshness (translation), and the reply template
language every article shares: its placeholders and its sandbox (reply_template)."""
