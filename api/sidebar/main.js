// @ts-check
// The agent sidebar: suggested articles, internal runbooks and a reply draft for one
// ticket, from POST /v1/suggest. One page logic for every host (hosts.js); a host only
// says where the ticket comes from and whether a reply can be inserted.
//   start.js starts it at /sidebar; the Zendesk app imports this module:
//   const { start, zendeskHost } = await import(base + "/sidebar/static/main.js");
import { copyReply, dropKey, insertReply, receiveTicket, suggest } from "./actions.js";
import { initialKey, keepKey } from "./api.js";
import { wireDraft } from "./draft.js";
import { mountLayout, showKeyForm, showWorkspace } from "./layout.js";

export { chatwootHost, standaloneHost, zendeskHost } from "./hosts.js";

/** @typedef {import("./actions.js").Sidebar} Sidebar */

/**
 * Lays the sidebar out in root and connects it to its host.
 * @param {HTMLElement} root
 * @param {{apiBase: string, host: import("./hosts.js").Host}} options  apiBase: the kb
 *   service's URL, without a trailing slash
 */
export function start(root, { apiBase, host }) {
  const view = mountLayout(root);
  /** @type {import("./actions.js").State} */
  const state = { key: initialKey(), lang: null, answer: null, context: {}, articleId: null };
  /** @type {Sidebar} */
  const sidebar = { view, host, apiBase, state };
  wireKeyForm(sidebar);
  wireTicket(sidebar);
  wireLanguages(sidebar);
  wireDraft(view);
  wireReply(sidebar);
  // A host that makes the calls itself (Zendesk's proxy) holds the key; the page never does.
  if (state.key || host.post) showWorkspace(view);
  else showKeyForm(view, "");
  host.connect((ticket) => receiveTicket(sidebar, ticket));
}

/** @param {Sidebar} sidebar */
function wireKeyForm(sidebar) {
  const { view, state } = sidebar;
  view.part("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    state.key = view.keyInput.value.trim();
    keepKey(state.key);
    showWorkspace(view);
    if (view.ticket.value.trim()) suggest(sidebar);
    else view.ticket.focus();
  });
  view.part("forget-key").hidden = Boolean(sidebar.host.post);
  view.part("forget-key").addEventListener("click", () => {
    dropKey(sidebar);
    showKeyForm(view, "");
  });
}

/**
 * Suggest (or Ctrl+Enter, ⌘+Enter on a Mac, in the ticket box) asks again, detecting the
 * language.
 * @param {Sidebar} sidebar
 */
function wireTicket(sidebar) {
  const form = /** @type {HTMLFormElement} */ (sidebar.view.part("ticket-form"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sidebar.state.lang = null;
    suggest(sidebar);
  });
  sidebar.view.ticket.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}

/**
 * A language button asks again for a reply in that language.
 * @param {Sidebar} sidebar
 */
function wireLanguages(sidebar) {
  const buttons = sidebar.view.root.querySelectorAll("[data-lang]");
  for (const button of /** @type {NodeListOf<HTMLElement>} */ (buttons)) {
    button.addEventListener("click", () => {
      sidebar.state.lang = /** @type {import("./api.js").Language} */ (button.dataset.lang);
      suggest(sidebar);
    });
  }
}

/** @param {Sidebar} sidebar */
function wireReply(sidebar) {
  const { view, host } = sidebar;
  view.part("copy").addEventListener("click", () => copyReply(sidebar));
  view.part("insert").hidden = !host.insert;
  view.part("insert").addEventListener("click", () => insertReply(sidebar));
}
