// @ts-check
// Starts the sidebar served at /sidebar: pasted tickets, or the conversation Chatwoot
// posts when the page is its Dashboard App. (The Zendesk app imports main.js itself.)
import { chatwootHost, standaloneHost, start } from "./main.js";

start(/** @type {HTMLElement} */ (document.getElementById("kb-sidebar")), {
  apiBase: new URL(".", location.href).href.replace(/\/$/, ""),
  host: window.parent !== window ? chatwootHost() : standaloneHost(),
});
