// The hosts' adapters that run without a page: the standalone host, and Zendesk's over a
// stand-in ZAF client that records what it is asked.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { standaloneHost, zendeskHost } from "../../api/sidebar/hosts.js";

/** A ZAF client that answers get() with found and request() with answer (or fails). */
function zafClient({ found = {}, answer = null, failure = null } = {}) {
  const calls = [];
  return {
    calls,
    get: async (paths) => {
      calls.push(["get", paths]);
      return found;
    },
    request: async (options) => {
      calls.push(["request", options]);
      if (failure) throw failure;
      return answer;
    },
    invoke: async (name, ...args) => {
      calls.push(["invoke", name, ...args]);
      return {};
    },
  };
}

describe("standaloneHost", () => {
  test("inserts nothing, makes no calls, and hands over no ticket", () => {
    const host = standaloneHost();
    assert.equal(host.insert, null);
    assert.equal(host.post, null);
    const received = [];
    host.connect((ticket) => received.push(ticket));
    assert.deepEqual(received, []);
  });
});

describe("zendeskHost", () => {
  test("connect reads the ticket with the ZAF client", async () => {
    const client = zafClient({
      found: {
        "ticket.subject": "轉帳失敗",
        "ticket.description": "我的轉帳失敗了",
        "ticket.requester.name": "陳美玲",
        "ticket.requester.locale": "zh-tw",
        "currentUser.name": "Alex",
      },
    });
    const received = [];
    await zendeskHost(client).connect((ticket) => received.push(ticket));
    assert.deepEqual(received, [
      {
        text: "我的轉帳失敗了", subject: "轉帳失敗", customerName: "陳美玲", agentName: "Alex",
        lang: "zh-Hant",
      },
    ]);
    assert.deepEqual(client.calls, [["get", [
      "ticket.subject", "ticket.description", "ticket.requester.name",
      "ticket.requester.locale", "currentUser.name",
    ]]]);
  });

  test("post goes through Zendesk's proxy with the secure setting, never a key", async () => {
    const client = zafClient({ answer: { status: 200, responseText: '{"suggestion_id": "ab"}' } });
    const response = await zendeskHost(client).post("https://kb.test/v1/suggest", { text: "hi" });
    assert.deepEqual([response.status, response.ok], [200, true]);
    assert.deepEqual(await response.json(), { suggestion_id: "ab" });
    assert.deepEqual(client.calls, [["request", {
      url: "https://kb.test/v1/suggest",
      type: "POST",
      contentType: "application/json",
      data: '{"text":"hi"}',
      headers: { Authorization: "Bearer {{setting.api_key}}" },
      secure: true,
      httpCompleteResponse: true,
    }]]);
  });

  test("a refused request is an answer, not a failure", async () => {
    const client = zafClient({ failure: { status: 401, responseText: '{"error": {}}' } });
    const response = await zendeskHost(client).post("https://kb.test/v1/feedback", {});
    assert.deepEqual([response.status, response.ok], [401, false]);
    assert.deepEqual(await response.json(), { error: {} });
  });

  test("no answer at all rejects, so the page says the service cannot be reached", async () => {
    const client = zafClient({ failure: { status: 0, statusText: "error" } });
    await assert.rejects(zendeskHost(client).post("https://kb.test/v1/suggest", {}), {
      message: "no answer",
    });
  });

  test("insert appends the reply to the ticket's comment", async () => {
    const client = zafClient();
    await zendeskHost(client).insert("Hello,\n\nthe refund is on its way.");
    assert.deepEqual(client.calls, [
      ["invoke", "ticket.comment.appendText", "Hello,\n\nthe refund is on its way."],
    ]);
  });
});
