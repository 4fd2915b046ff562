// @ts-check
// Hosts: where the ticket comes from and whether a reply can be inserted. Each is
// {connect, insert, post}; the ticket itself is read by the pure functions of tickets.js.
//   standaloneHost()  the agent pastes the ticket;
//   chatwootHost()    Chatwoot posts the conversation to its Dashboard App frame;
//   zendeskHost(zaf)  the Zendesk app (zendesk/assets/iframe.html) reads the ticket.
import { CHATWOOT_FETCH, ZENDESK_FIELDS, chatwootContext, chatwootTicket, zendeskResponse,
  zendeskTicket } from "./tickets.js";

/** @typedef {import("./tickets.js").Ticket} Ticket */
/** @typedef {import("./tickets.js").ZafAnswer} ZafAnswer */
/** @typedef {import("./api.js").ApiResponse} ApiResponse */

/**
 * @typedef {object} Host
 * @property {(receive: (ticket: Ticket) => void) => void} connect  hands over the ticket,
 *   now or whenever the host has one
 * @property {((text: string) => Promise<unknown>) | null} insert  puts the reply into the
 *   helpdesk's reply box
 * @property {((url: string, body: object) => Promise<ApiResponse>) | null} post  makes the
 *   API calls itself, with a key the page never sees
 */

/**
 * The part of Zendesk's ZAF client the app uses.
 * @typedef {object} ZafClient
 * @property {(options: object) => Promise<ZafAnswer>} request
 * @property {(paths: string[]) => Promise<Record<string, string | undefined>>} get
 * @property {(name: string, ...args: unknown[]) => Promise<unknown>} invoke
 */

/** @returns {Host} */
export function standaloneHost() {
  return { connect() {}, insert: null, post: null };
}

/**
 * Chatwoot posts {"event": "appContext", "data": {conversation, contact, currentAgent}}
 * as a JSON string when the frame loads (the frame is new for every conversation), and
 * again whenever the app asks with CHATWOOT_FETCH.
 * @returns {Host}
 */
export function chatwootHost() {
  return {
    insert: null,
    post: null,
    connect(receive) {
      window.addEventListener("message", (event) => {
        if (event.source !== window.parent) return;
        const context = chatwootContext(event.data);
        if (context) receive(chatwootTicket(context));
      });
      window.parent.postMessage(CHATWOOT_FETCH, "*");
    },
  };
}

/**
 * Zendesk's ticket_sidebar: the ZAF client reads the ticket and inserts the reply, and its
 * proxy calls the API with the key kept in the app's secure setting, which the browser
 * never sees ({{setting.api_key}} is filled in on Zendesk's side).
 * @param {ZafClient} client
 * @returns {Host}
 */
export function zendeskHost(client) {
  return {
    post: (url, body) => zendeskPost(client, url, body),
    async connect(receive) {
      receive(zendeskTicket(await client.get(ZENDESK_FIELDS)));
    },
    insert: (text) => client.invoke("ticket.comment.appendText", text),
  };
}

/**
 * @param {ZafClient} client
 * @param {string} url
 * @param {object} body
 * @returns {Promise<ApiResponse>}
 */
async function zendeskPost(client, url, body) {
  let answer;
  try {
    answer = await client.request({
      url, type: "POST", contentType: "application/json", data: JSON.stringify(body),
      headers: { Authorization: "Bearer {{setting.api_key}}" },
      secure: true, httpCompleteResponse: true,
    });
  } catch (failed) {
    answer = /** @type {ZafAnswer} */ (failed);
  }
  return zendeskResponse(answer);
}
