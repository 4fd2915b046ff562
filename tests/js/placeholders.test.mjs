// splitPlaceholders: a reply draft cut into text and the placeholders the agent fills in.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { splitPlaceholders } from "../../api/sidebar/placeholders.js";

/** A text segment and a placeholder segment, so that each expectation fits on a line. */
const t = (text) => ({ text });
const p = (placeholder) => ({ placeholder });

/** The draft as the segments would show it: each placeholder as its [name]. */
function rejoin(segments) {
  return segments.map((segment) => ("text" in segment ? segment.text : `[${segment.placeholder}]`))
    .join("");
}

/** [what it shows, draft, missing names, segments expected] */
const CASES = [
  ["with nothing missing, the whole draft is one text, brackets and all",
    "Send [amount] to [address].", [], [t("Send [amount] to [address].")]],
  ["an empty draft is one empty text", "", [], [t("")]],
  ["a placeholder in the middle is cut out between two texts",
    "Hello,\n\nyour withdrawal of [amount] hasn't shown up yet.", ["amount"],
    [t("Hello,\n\nyour withdrawal of "), p("amount"), t(" hasn't shown up yet.")]],
  ["placeholders at the start and the end leave empty texts around them",
    "[customer_name], we sent [amount]", ["customer_name", "amount"],
    [t(""), p("customer_name"), t(", we sent "), p("amount"), t("")]],
  ["a repeated placeholder is a placeholder each time",
    "[amount] sent, [amount] received.", ["amount"],
    [t(""), p("amount"), t(" sent, "), p("amount"), t(" received.")]],
  ["adjacent placeholders have an empty text between them",
    "On [network][tx_hash]", ["tx_hash", "network"],
    [t("On "), p("network"), t(""), p("tx_hash"), t("")]],
  ["a [name] that is not missing stays in the text",
    "Fee [fee] on [amount].", ["amount"], [t("Fee [fee] on "), p("amount"), t(".")]],
  ["a draft without any missing name is one text",
    "Nothing to fill in here.", ["amount"], [t("Nothing to fill in here.")]],
  ["only a whole [name] counts: no partial names, no bare names, no other brackets",
    "[amounts] amount (amount) [ amount ] [amount]", ["amount"],
    [t("[amounts] amount (amount) [ amount ] "), p("amount"), t("")]],
  ["a missing name keeps only [a-z0-9_], so it cannot widen the pattern",
    "[a.*] [abc] [a]", ["a.*"], [t("[a.*] [abc] "), p("a"), t("")]],
  ["Chinese drafts split the same way",
    "您好，[customer_name]：您转出的 [amount] 还没到账。", ["amount", "customer_name"],
    [t("您好，"), p("customer_name"), t("：您转出的 "), p("amount"), t(" 还没到账。")]],
];

describe("splitPlaceholders", () => {
  for (const [shows, draft, missing, expected] of CASES) {
    test(shows, () => assert.deepEqual(splitPlaceholders(draft, missing), expected));
  }

  test("the segments alternate text and placeholder and rejoin into the draft", () => {
    const drafts = [
      ["[amount]", ["amount"]],
      ["Hi [customer_name], [amount] [amount][fee]", ["amount", "customer_name"]],
      ["No placeholder at all", ["amount"]],
    ];
    for (const [text, missing] of drafts) {
      const segments = splitPlaceholders(text, missing);
      assert.equal(rejoin(segments), text);
      assert.equal(segments.length % 2, 1);
      segments.forEach((segment, index) => assert.equal("text" in segment, index % 2 === 0));
    }
  });
});
