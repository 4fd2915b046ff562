// Starts the sidebar served at /sidebar: pasted tickets, or the conversation Chatwoot
// posts when the page is its Dashboard App. (The Zendesk app starts it its own way.)
"use strict";

KBSidebar.start(document.getElementById("kb-sidebar"), {
  apiBase: new URL(".", location.href).href.replace(/\/$/, ""),
  host: window.parent !== window ? KBSidebar.chatwootHost() : KBSidebar.standaloneHost(),
});
