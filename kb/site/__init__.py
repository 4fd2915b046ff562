"""The help site: which articles it publishes and how its pages read (help_site), its own
sentences (messages), and the MkDocs hooks that apply them (mkdocs_hooks)."""
