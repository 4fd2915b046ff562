"""The escalation rule tables: every rule names known signals, each table ends with a default."""

from __future__ import annotations

from typing import get_args

from kb.escalation.rules import LAYER_RULES, SEVERITY_RULES, SIGNAL_NAMES, Layer, Severity


def test_every_rule_uses_known_signals_and_each_table_ends_with_a_default() -> None:
    for rules, outcomes in ((SEVERITY_RULES, get_args(Severity)), (LAYER_RULES, get_args(Layer))):
        for rule in rules:
            assert {*rule.when, *rule.unless} <= SIGNAL_NAMES, rule
            assert rule.outcome in outcomes, rule
        assert rules[-1].when == rules[-1].unless == ()
