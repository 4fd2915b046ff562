"""Secrets out of ticket text, the first step of the pipeline: recovery phrases, private
keys and card numbers (redact, recovery_phrases), and contacts masked before storage
(contacts)."""
