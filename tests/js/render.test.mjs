// runbookReason: why the sidebar lists an internal runbook.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { runbookReason } from "../../api/sidebar/render.js";

/** A runbook as POST /v1/suggest answers it, with the fields that matter here. */
function runbook(ranked, matched, namedBy) {
  return {
    id: "transaction-investigation", title: "Transaction investigation", url: "https://kb/x",
    audience: "internal", ranked, score: ranked ? 3.2 : null, confidence: ranked ? 0.7 : null,
    matched: matched.map((term) => ({ term, fields: ["body"] })), named_by: namedBy,
  };
}

describe("runbookReason", () => {
  test("a ranked runbook names the ticket's words that matched", () => {
    assert.equal(runbookReason(runbook(true, ["pending", "usdt"], [])), " (matches: pending, usdt)");
  });

  test("a runbook named by FAQs names them", () => {
    const named = runbook(false, [], ["transaction-pending", "network-fees"]);
    assert.equal(runbookReason(named), " (for transaction-pending, network-fees)");
  });

  test("a runbook both ranked and named says both", () => {
    const both = runbook(true, ["stuck"], ["transaction-pending"]);
    assert.equal(runbookReason(both), " (matches: stuck; for transaction-pending)");
  });
});
