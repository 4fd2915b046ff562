"""Escalation notes for engineering: the draft in the policy's template (draft) and the
rule tables behind its severity and layer (rules)."""
