// splitPlaceholders: a reply draft cut into text and the placeholders the agent fills in.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { splitPlaceholders } from "../../api/sidebar/placeholders.js";

/** The draft as the segments would show it: each placeholder as its [name]. */
function rejoin(segments) {
  return segments.map((segment) => ("text" in segment ? segment.text : `[${segment.placeholder}]`))
    .join("");
}

describe("splitPlaceholders", () => {
  test("with nothing missing, the whole draft is one text, brackets and all", () => {
    assert.deepEqual(splitPlaceholders("Send [amount] to [address].", []), [
      { text: "Send [amount] to [address]." },
    ]);
    assert.deepEqual(splitPlaceholders("", []), [{ text: "" }]);
  });

  test("a placeholder in the middle is cut out between two texts", () => {
    const text = "Hello,\n\nyour withdrawal of [amount] hasn't shown up yet.";
    assert.deepEqual(splitPlaceholders(text, ["amount"]), [
      { text: "Hello,\n\nyour withdrawal of " },
      { placeholder: "amount" },
      { text: " hasn't shown up yet." },
    ]);
  });

  test("placeholders at the start and the end leave empty texts around them", () => {
    const missing = ["customer_name", "amount"];
    assert.deepEqual(splitPlaceholders("[customer_name], we sent [amount]", missing), [
      { text: "" },
      { placeholder: "customer_name" },
      { text: ", we sent " },
      { placeholder: "amount" },
      { text: "" },
    ]);
  });

  test("a repeated placeholder is a placeholder each time", () => {
    assert.deepEqual(splitPlaceholders("[amount] sent, [amount] received.", ["amount"]), [
      { text: "" },
      { placeholder: "amount" },
      { text: " sent, " },
      { placeholder: "amount" },
      { text: " received." },
    ]);
  });

  test("adjacent placeholders have an empty text between them", () => {
    assert.deepEqual(splitPlaceholders("On [network][tx_hash]", ["tx_hash", "network"]), [
      { text: "On " },
      { placeholder: "network" },
      { text: "" },
      { placeholder: "tx_hash" },
      { text: "" },
    ]);
  });

  test("a [name] that is not missing stays in the text", () => {
    assert.deepEqual(splitPlaceholders("Fee [fee] on [amount].", ["amount"]), [
      { text: "Fee [fee] on " },
      { placeholder: "amount" },
      { text: "." },
    ]);
    assert.deepEqual(splitPlaceholders("Nothing to fill in here.", ["amount"]), [
      { text: "Nothing to fill in here." },
    ]);
  });

  test("only a whole [name] counts: no partial names, no bare names, no other brackets", () => {
    const text = "[amounts] amount (amount) [ amount ] [amount]";
    assert.deepEqual(splitPlaceholders(text, ["amount"]), [
      { text: "[amounts] amount (amount) [ amount ] " },
      { placeholder: "amount" },
      { text: "" },
    ]);
  });

  test("a missing name keeps only [a-z0-9_], so it cannot widen the pattern", () => {
    assert.deepEqual(splitPlaceholders("[a.*] [abc] [a]", ["a.*"]), [
      { text: "[a.*] [abc] " },
      { placeholder: "a" },
      { text: "" },
    ]);
  });

  test("Chinese drafts split the same way", () => {
    const text = "您好，[customer_name]：您转出的 [amount] 还没到账。";
    assert.deepEqual(splitPlaceholders(text, ["amount", "customer_name"]), [
      { text: "您好，" },
      { placeholder: "customer_name" },
      { text: "：您转出的 " },
      { placeholder: "amount" },
      { text: " 还没到账。" },
    ]);
  });

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
