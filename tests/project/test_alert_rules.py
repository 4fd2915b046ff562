"""The Prometheus alert rules parse, pass their unit tests (promtool, from Debian's
`prometheus` package), and use only metrics the service exports."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml

from tests.support.paths import REPO

RULES = REPO / "deploy" / "prometheus"
# Prometheus' own series, not the service's.
PROMETHEUS_SERIES = {"up"}


def promtool() -> str:
    found = shutil.which("promtool")
    if found is None:
        pytest.fail("promtool is missing: apt-get install prometheus (make test does it)")
    return found


def test_the_rules_pass_their_unit_tests() -> None:
    result = subprocess.run(
        [promtool(), "test", "rules", "alerts.test.yml"],
        cwd=RULES,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_every_rule_has_a_summary_and_a_runbook_we_have(exported_metric_names: set[str]) -> None:
    groups = yaml.safe_load((RULES / "alerts.yml").read_text(encoding="utf-8"))["groups"]
    rules = [rule for group in groups for rule in group["rules"]]

    assert len(rules) >= 6
    for rule in rules:
        assert rule["annotations"]["summary"].strip(), rule["alert"]
        runbook = rule["annotations"]["runbook"]
        assert (REPO / "articles" / "runbooks" / f"{runbook}.en.md").exists(), runbook
        names = set(re.findall(r"\b(kb_[a-z_]+|up)\b", rule["expr"]))
        assert names, rule["alert"]
        for name in names - PROMETHEUS_SERIES:
            base = re.sub(r"_(bucket|count|sum)$", "", name)
            assert base in exported_metric_names or name in exported_metric_names, name


@pytest.fixture
def exported_metric_names() -> set[str]:
    """The metric names the service registers (api/metrics.py), as Prometheus sees them."""
    from prometheus_client import REGISTRY

    import api.metrics  # noqa: F401  (importing it registers them)

    names = set()
    for family in REGISTRY.collect():
        names.add(family.name)
        if family.type == "counter":  # exposed with its _total suffix
            names.add(f"{family.name}_total")
    return names
