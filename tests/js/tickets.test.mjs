// Reading the helpdesks' data: Chatwoot's appContext, the Zendesk ticket, the reply language.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  CHATWOOT_FETCH, ZENDESK_FIELDS, chatwootContext, chatwootTicket, replyLanguage,
  zendeskResponse, zendeskTicket,
} from "../../api/sidebar/tickets.js";

const INCOMING = 0;
const OUTGOING = 1;
const CONTACT = { id: 7, name: "李伟", email: "li.wei@example.com" };
const AGENT = { id: 3, name: "小王" };

describe("chatwootContext", () => {
  const data = { conversation: { id: 42, messages: [] }, contact: CONTACT, currentAgent: AGENT };

  test("an appContext event posted as a JSON string gives its data", () => {
    assert.deepEqual(chatwootContext(JSON.stringify({ event: "appContext", data })), data);
  });

  test("anything else gives null", () => {
    const others = [
      JSON.stringify({ event: "otherEvent", data }),
      JSON.stringify({ event: "appContext" }),
      JSON.stringify({ event: "appContext", data: null }),
      JSON.stringify(null),
      JSON.stringify("appContext"),
      "{not json",
      "",
      CHATWOOT_FETCH,
      { event: "appContext", data },
      undefined,
    ];
    assert.deepEqual(others.map(chatwootContext), others.map(() => null));
  });
});

describe("chatwootTicket", () => {
  test("the customer's latest message by time, with the contact's and agent's names", () => {
    const messages = [
      { id: 1, content: "你好", message_type: INCOMING, created_at: 100 },
      { id: 2, content: "您好，请问有什么可以帮您？", message_type: OUTGOING, created_at: 160 },
      { id: 4, content: "我的转账失败了", message_type: INCOMING, created_at: 300 },
      { id: 3, content: "还在吗？", message_type: INCOMING, created_at: 200 },
      { id: 5, content: "我们看一下", message_type: OUTGOING, created_at: 400 },
    ];
    assert.deepEqual(
      chatwootTicket({ conversation: { id: 42, messages }, contact: CONTACT, currentAgent: AGENT }),
      { text: "我的转账失败了", subject: undefined, customerName: "李伟", agentName: "小王" },
    );
  });

  test("an e-mailed conversation's subject comes along", () => {
    const conversation = {
      additional_attributes: { source: "email", mail_subject: "Withdrawal not received" },
      messages: [{ content: "I withdrew from Binance yesterday", message_type: INCOMING }],
    };
    assert.deepEqual(chatwootTicket({ conversation, contact: CONTACT }), {
      text: "I withdrew from Binance yesterday", subject: "Withdrawal not received",
      customerName: "李伟", agentName: undefined,
    });
  });

  test("messages without content are skipped", () => {
    const messages = [
      { id: 1, content: "My transfer failed", message_type: INCOMING, created_at: 100 },
      { id: 2, content: null, message_type: INCOMING, created_at: 200 },
      { id: 3, content: "", message_type: INCOMING, created_at: 300 },
      { id: 4, message_type: INCOMING, created_at: 400 },
    ];
    assert.deepEqual(chatwootTicket({ conversation: { messages }, contact: CONTACT }), {
      text: "My transfer failed", subject: undefined, customerName: "李伟", agentName: undefined,
    });
  });

  test("no message from the customer gives an empty text", () => {
    const messages = [
      { id: 1, content: "Hello, how can we help?", message_type: OUTGOING, created_at: 100 },
      { id: 2, content: "Assigned to Alex", message_type: 2, created_at: 150 },
    ];
    assert.deepEqual(
      chatwootTicket({ conversation: { messages }, contact: CONTACT, currentAgent: AGENT }),
      { text: "", subject: undefined, customerName: "李伟", agentName: "小王" },
    );
    assert.deepEqual(chatwootTicket({ conversation: { messages: [] } }), {
      text: "", subject: undefined, customerName: undefined, agentName: undefined,
    });
  });

  test("no conversation, contact or agent at all", () => {
    assert.deepEqual(chatwootTicket({}), {
      text: "", subject: undefined, customerName: undefined, agentName: undefined,
    });
    assert.deepEqual(chatwootTicket({ conversation: {}, contact: {}, currentAgent: {} }), {
      text: "", subject: undefined, customerName: undefined, agentName: undefined,
    });
  });

  test("a message without a time counts as the oldest; equal times keep their order", () => {
    const messages = [
      { content: "timed", message_type: INCOMING, created_at: 5 },
      { content: "untimed", message_type: INCOMING },
    ];
    assert.equal(chatwootTicket({ conversation: { messages } }).text, "timed");
    const sameTime = [
      { content: "first", message_type: INCOMING, created_at: 5 },
      { content: "second", message_type: INCOMING, created_at: 5 },
    ];
    assert.equal(chatwootTicket({ conversation: { messages: sameTime } }).text, "second");
  });
});

describe("zendeskTicket", () => {
  test("reads the subject, the description, the names and the requester's locale", () => {
    assert.deepEqual(ZENDESK_FIELDS, [
      "ticket.subject", "ticket.description", "ticket.requester.name",
      "ticket.requester.locale", "currentUser.name",
    ]);
    const found = {
      "ticket.subject": "轉帳失敗",
      "ticket.description": "我的轉帳失敗了",
      "ticket.requester.name": "陳美玲",
      "ticket.requester.locale": "zh-tw",
      "currentUser.name": "Alex",
    };
    assert.deepEqual(zendeskTicket(found), {
      text: "我的轉帳失敗了", subject: "轉帳失敗", customerName: "陳美玲", agentName: "Alex", lang: "zh-Hant",
    });
  });

  test("an English requester and a requester with no locale", () => {
    const found = { "ticket.description": "Where is my USDT?", "ticket.requester.locale": "en-US" };
    assert.deepEqual(zendeskTicket(found), {
      text: "Where is my USDT?", subject: undefined, customerName: undefined, agentName: undefined, lang: "en",
    });
    assert.deepEqual(zendeskTicket({ "ticket.description": "Bonjour" }), {
      text: "Bonjour", subject: undefined, customerName: undefined, agentName: undefined, lang: null,
    });
  });

  test("an empty ticket", () => {
    assert.deepEqual(zendeskTicket({}), {
      text: undefined, subject: undefined, customerName: undefined, agentName: undefined, lang: null,
    });
  });
});

describe("replyLanguage", () => {
  const cases = [
    ["zh-TW", "zh-Hant"], ["zh-tw", "zh-Hant"], ["zh-HK", "zh-Hant"], ["zh-mo", "zh-Hant"],
    ["zh-Hant", "zh-Hant"], ["zh-Hant-TW", "zh-Hant"],
    ["zh-CN", "zh"], ["zh-cn", "zh"], ["zh", "zh"], ["zh-SG", "zh"], ["zh-Hans", "zh"],
    ["en", "en"], ["en-US", "en"], ["EN-gb", "en"],
    ["fr", null], ["pt-BR", null], ["ja-JP", null], ["tw", null], ["", null],
    [null, null], [undefined, null],
  ];
  for (const [locale, expected] of cases) {
    test(`${JSON.stringify(locale)} -> ${JSON.stringify(expected)}`, () => {
      assert.equal(replyLanguage(locale), expected);
    });
  }
});

describe("zendeskResponse", () => {
  test("a success: ok, with its JSON", async () => {
    const response = zendeskResponse({ status: 200, responseText: '{"language": "zh"}' });
    assert.equal(response.status, 200);
    assert.equal(response.ok, true);
    assert.deepEqual(await response.json(), { language: "zh" });
  });

  test("a refusal: not ok, with the API's error", async () => {
    const error = { error: { code: "unauthorized", message: "Invalid key" } };
    const response = zendeskResponse({ status: 401, responseText: JSON.stringify(error) });
    assert.deepEqual([response.status, response.ok], [401, false]);
    assert.deepEqual(await response.json(), error);
    assert.deepEqual([zendeskResponse({ status: 299 }).ok, zendeskResponse({ status: 300 }).ok],
      [true, false]);
  });

  test("no body reads as null", async () => {
    assert.equal(await zendeskResponse({ status: 204 }).json(), null);
    assert.equal(await zendeskResponse({ status: 502, responseText: "" }).json(), null);
  });

  test("no answer at all throws", () => {
    assert.throws(() => zendeskResponse({}), { message: "no answer" });
    assert.throws(() => zendeskResponse({ status: 0, responseText: "" }), { message: "no answer" });
  });
});
