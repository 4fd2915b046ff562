// @ts-check
// What the sidebar does for the agent: suggest for the ticket, show a reply, rate an
// article, copy or insert the reply, take a ticket from the host. Each acts on one
// Sidebar: its view, its host and its state.
import { callApi, forgetKey } from "./api.js";
import { markRated } from "./cards.js";
import { writeClipboard } from "./dom.js";
import { draftText, unfilled } from "./draft.js";
import { setStatus, showKeyForm } from "./layout.js";
import { renderAnswer, renderReply } from "./render.js";

/** @typedef {import("./api.js").Language} Language */
/** @typedef {import("./api.js").Rating} Rating */
/** @typedef {import("./api.js").SuggestResponse} SuggestResponse */

/**
 * @typedef {object} State
 * @property {string | null} key  the agent's key, if the page has one
 * @property {Language | null} lang  the reply language asked for; null to detect it
 * @property {SuggestResponse | null} answer  the last answer
 * @property {import("./api.js").ReplyContext} context  what the host knows, for the reply
 * @property {string | null} articleId  whose reply the draft holds
 */

/**
 * @typedef {object} Sidebar
 * @property {import("./layout.js").View} view
 * @property {import("./hosts.js").Host} host
 * @property {string} apiBase
 * @property {State} state
 */

/** @param {Sidebar} sidebar */
export async function suggest(sidebar) {
  const { view, state } = sidebar;
  const text = view.ticket.value.trim();
  if (!text) {
    setStatus(view, "Paste or type the ticket first.");
    return;
  }
  setStatus(view, "Looking for answers…");
  const response = await call(sidebar, "/v1/suggest", {
    text, subject: view.subject.value.trim() || null, lang: state.lang, limit: 5,
    context: state.context,
  });
  if (response) showAnswer(sidebar, await response.json());
}

/**
 * @param {Sidebar} sidebar
 * @param {SuggestResponse} answer
 */
function showAnswer(sidebar, answer) {
  sidebar.state.answer = answer;
  sidebar.state.articleId = null;
  setStatus(sidebar.view, "");
  renderAnswer(sidebar.view, answer, {
    draft: (articleId) => selectReply(sidebar, articleId),
    rate: (articleId, rating) => rate(sidebar, articleId, rating),
  });
  const first = answer.replies[0];
  selectReply(sidebar, first ? first.article_id : null);
}

/**
 * @param {Sidebar} sidebar
 * @param {string | null} articleId
 */
function selectReply(sidebar, articleId) {
  const answer = /** @type {SuggestResponse} */ (sidebar.state.answer);
  sidebar.state.articleId = renderReply(sidebar.view, answer, articleId);
}

/**
 * @param {Sidebar} sidebar
 * @param {string} articleId
 * @param {Rating} rating
 */
async function rate(sidebar, articleId, rating) {
  const answer = /** @type {SuggestResponse} */ (sidebar.state.answer);
  const response = await call(sidebar, "/v1/feedback", {
    suggestion_id: answer.suggestion_id, article_id: articleId, rating,
  });
  if (response) markRated(sidebar.view, articleId, rating);
}

/**
 * Copies the draft (copying counts as using the article).
 * @param {Sidebar} sidebar
 */
export async function copyReply(sidebar) {
  const { view, state } = sidebar;
  const copied = await writeClipboard(draftText(view));
  const names = unfilled(view);
  view.part("copy-status").textContent = !copied
    ? "Could not copy: select the draft and press Ctrl+C."
    : names.length ? `Copied, but still to fill in: ${names.join(", ")}` : "Copied.";
  if (copied && state.articleId) rate(sidebar, state.articleId, "used");
}

/**
 * Puts the draft into the helpdesk's reply (a host with insert only).
 * @param {Sidebar} sidebar
 */
export async function insertReply(sidebar) {
  const { view, host, state } = sidebar;
  await host.insert?.(draftText(view));
  view.part("copy-status").textContent = "Inserted into the reply.";
  if (state.articleId) rate(sidebar, state.articleId, "used");
}

/**
 * A ticket from the host: fill the box and suggest at once, without typing.
 * @param {Sidebar} sidebar
 * @param {import("./tickets.js").Ticket} ticket
 */
export function receiveTicket(sidebar, { text, subject, customerName, agentName, lang }) {
  const { view, host, state } = sidebar;
  view.ticket.value = text || "";
  view.subject.value = subject || "";
  state.context = Object.fromEntries(Object.entries({
    customer_name: customerName, agent_name: agentName,
  }).filter(([, value]) => value));
  state.lang = lang || null;
  if (text && (state.key || host.post)) suggest(sidebar);
}

/** @param {Sidebar} sidebar */
export function dropKey(sidebar) {
  sidebar.state.key = null;
  forgetKey();
}

/**
 * The API's answer, or null once the agent has been told what went wrong.
 * @param {Sidebar} sidebar
 * @param {string} path
 * @param {object} body
 */
function call(sidebar, path, body) {
  const { view, host, apiBase, state } = sidebar;
  return callApi({
    apiBase, host, key: state.key,
    say: (message) => setStatus(view, message),
    refused: () => {
      dropKey(sidebar);
      showKeyForm(view, "That key was not accepted. Paste a valid agent key.");
    },
  }, path, body);
}
