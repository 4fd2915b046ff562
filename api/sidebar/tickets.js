// @ts-check
// What the helpdesks say, read into what the sidebar needs: the ticket, the customer's
// and agent's names, the reply language. Pure: no DOM, tested with node --test.

/** @typedef {import("./api.js").Language} Language */
/** @typedef {import("./api.js").ApiResponse} ApiResponse */

/**
 * A ticket as a host hands it over.
 * @typedef {object} Ticket
 * @property {string} [text]  the customer's message
 * @property {string} [subject]  the e-mail's or ticket's subject
 * @property {string} [customerName]
 * @property {string} [agentName]
 * @property {Language | null} [lang]  the reply language; none to detect it
 */

/**
 * @typedef {object} ChatwootMessage
 * @property {string | null} [content]
 * @property {number} [message_type]  0 for a customer's message
 * @property {number} [created_at]
 */

/**
 * The data of Chatwoot's appContext event (the fields read here).
 * @typedef {object} ChatwootContext
 * @property {{messages?: ChatwootMessage[], additional_attributes?: {mail_subject?: string}}} [conversation]
 * @property {{name?: string}} [contact]
 * @property {{name?: string}} [currentAgent]
 */

/**
 * The answer of the ZAF client's request() with httpCompleteResponse, or its failure.
 * @typedef {{status?: number, responseText?: string}} ZafAnswer
 */

/** What a Chatwoot Dashboard App posts to ask for the conversation again. */
export const CHATWOOT_FETCH = "chatwoot-dashboard-app:fetch-info";
const CHATWOOT_INCOMING = 0; // message_type of a customer's message

/** What the Zendesk app reads with the ZAF client's get(). */
export const ZENDESK_FIELDS = [
  "ticket.subject", "ticket.description", "ticket.requester.name", "ticket.requester.locale",
  "currentUser.name",
];

/**
 * The data of a message posted by Chatwoot when it is an appContext event, else null.
 * @param {unknown} posted  a message event's data: a JSON string from Chatwoot
 * @returns {ChatwootContext | null}
 */
export function chatwootContext(posted) {
  if (typeof posted !== "string") return null;
  let message;
  try {
    message = JSON.parse(posted);
  } catch (notJson) {
    return null;
  }
  if (message?.event !== "appContext" || !message.data) return null;
  return message.data;
}

/**
 * The customer's latest message (text "" when there is none), the subject of an e-mailed
 * conversation (Chatwoot keeps it in the conversation's additional_attributes) and the names.
 * @param {ChatwootContext} context
 * @returns {Ticket}
 */
export function chatwootTicket({ conversation, contact, currentAgent }) {
  const incoming = (conversation?.messages || [])
    .filter((message) => message.message_type === CHATWOOT_INCOMING && message.content)
    .sort((a, b) => (a.created_at || 0) - (b.created_at || 0));
  const latest = incoming[incoming.length - 1];
  return {
    text: latest ? /** @type {string} */ (latest.content) : "",
    subject: conversation?.additional_attributes?.mail_subject,
    customerName: contact?.name,
    agentName: currentAgent?.name,
  };
}

/**
 * @param {Record<string, string | undefined>} found  the ZAF client's get() of ZENDESK_FIELDS
 * @returns {Ticket}
 */
export function zendeskTicket(found) {
  return {
    text: found["ticket.description"],
    subject: found["ticket.subject"],
    customerName: found["ticket.requester.name"],
    agentName: found["currentUser.name"],
    lang: replyLanguage(found["ticket.requester.locale"]),
  };
}

/**
 * A requester's locale (zh-cn, zh-TW, en-US...) as a reply language, or null to detect.
 * @param {string | null | undefined} locale
 * @returns {Language | null}
 */
export function replyLanguage(locale) {
  const code = String(locale || "").toLowerCase();
  if (/^zh-(tw|hk|mo|hant)/.test(code)) return "zh-Hant";
  if (code.startsWith("zh")) return "zh";
  if (code.startsWith("en")) return "en";
  return null;
}

/**
 * A ZAF request's answer as a fetch-like response; throws when no answer came at all.
 * @param {ZafAnswer} answer
 * @returns {ApiResponse}
 */
export function zendeskResponse(answer) {
  const status = answer.status || 0;
  if (!status) throw new Error("no answer");
  return {
    status, ok: status >= 200 && status < 300,
    json: async () => JSON.parse(answer.responseText || "null"),
  };
}
