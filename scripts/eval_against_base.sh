#!/usr/bin/env bash
# Suggestion quality of this tree against a base branch, as a Markdown table: the
# pull-request check. The base's articles/ and locales/ come from `git archive`, so the
# working tree is left alone. In GitHub Actions the table also goes to the job summary.
set -euo pipefail
base="${1:?usage: scripts/eval_against_base.sh BASE_REF (for example origin/main)}"
tickets="${2:-tests/data/dev_tickets.jsonl}"
kb="${KB_BIN:-.venv/bin/kb}"
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
# locales/ links to kb/locales since the resources became package data; an older base has
# the folder itself, so take kb/locales only where the base has it.
git archive "$base" articles locales $(git ls-tree -d --name-only "$base" kb/locales) \
	| tar -x -C "$copy"
"$kb" eval "$tickets" --baseline "$copy" | tee -a "${GITHUB_STEP_SUMMARY:-/dev/null}"
