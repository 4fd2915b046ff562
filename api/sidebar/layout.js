// @ts-check
// The sidebar's markup, a constant (the only HTML the page sets through innerHTML), and
// the view over it: its parts by data-part name, the key form and the workspace.

/** The reply languages, by the API's code, as the toggle names them. */
export const LANGUAGES = { en: "English", zh: "简体中文", "zh-Hant": "繁體中文" };

const LAYOUT = `
    <form class="key" data-part="key-form" hidden>
      <label for="kb-key">Agent API key</label>
      <input id="kb-key" type="password" autocomplete="off" spellcheck="false" required>
      <button type="submit">Save key</button>
      <p class="hint">Kept for this browser tab only. Ask your lead for a key (<code>kb keys create</code>).</p>
      <p class="error" data-part="key-error" role="alert" hidden></p>
    </form>
    <div data-part="workspace" hidden>
      <form class="ticket" data-part="ticket-form">
        <label for="kb-subject">Subject <span class="hint">(optional: weighs most)</span></label>
        <input id="kb-subject" type="text" maxlength="1000" autocomplete="off">
        <label for="kb-ticket">Ticket</label>
        <textarea id="kb-ticket" rows="5" placeholder="Paste the customer's message"></textarea>
        <div class="row">
          <button type="submit">Suggest</button>
          <span class="hint">Ctrl+Enter</span>
          <button type="button" class="link" data-part="forget-key">Change key</button>
        </div>
      </form>
      <p class="status" data-part="status" role="status" aria-live="polite"></p>
      <div class="notice danger" data-part="secret-notice" role="alert" hidden></div>
      <div class="language" data-part="language" hidden>
        <span data-part="detected"></span>
        <div class="toggle" role="group" aria-label="Reply language">
          ${Object.entries(LANGUAGES).map(([code, name]) =>
            `<button type="button" data-lang="${code}" aria-pressed="false">${name}</button>`).join("")}
        </div>
      </div>
      <section data-part="reply" hidden>
        <h2>Reply draft <span class="for" data-part="reply-for"></span></h2>
        <div class="draft" data-part="draft" contenteditable="true" role="textbox"
             aria-multiline="true" aria-label="Reply draft"></div>
        <p class="hint" data-part="missing" hidden></p>
        <div class="row">
          <button type="button" data-part="copy">Copy reply</button>
          <button type="button" data-part="insert" hidden>Insert into reply</button>
          <span class="status" data-part="copy-status" role="status" aria-live="polite"></span>
        </div>
      </section>
      <section data-part="articles" hidden>
        <h2>Articles</h2>
        <ol class="cards" data-part="article-list"></ol>
      </section>
      <section class="internal" data-part="runbooks" hidden>
        <h2>Internal runbooks</h2>
        <p class="warning">Internal: for you only. Never paste these to the customer.</p>
        <ul data-part="runbook-list"></ul>
      </section>
    </div>`;

/**
 * The laid-out sidebar.
 * @typedef {object} View
 * @property {HTMLElement} root
 * @property {(name: string) => HTMLElement} part  the element with that data-part
 * @property {HTMLTextAreaElement} ticket  the ticket box, #kb-ticket
 * @property {HTMLInputElement} subject  the ticket's subject, #kb-subject
 * @property {HTMLInputElement} keyInput  the key box, #kb-key
 */

/**
 * Lays the sidebar out in root, replacing what was there.
 * @param {HTMLElement} root
 * @returns {View}
 */
export function mountLayout(root) {
  root.innerHTML = LAYOUT;
  return {
    root,
    part: (name) => /** @type {HTMLElement} */ (root.querySelector(`[data-part="${name}"]`)),
    ticket: /** @type {HTMLTextAreaElement} */ (root.querySelector("#kb-ticket")),
    subject: /** @type {HTMLInputElement} */ (root.querySelector("#kb-subject")),
    keyInput: /** @type {HTMLInputElement} */ (root.querySelector("#kb-key")),
  };
}

/**
 * @param {View} view
 * @param {string} message  "" for none
 */
export function setStatus(view, message) {
  view.part("status").textContent = message;
}

/**
 * Only the key form, with why it is asked for ("" for no reason).
 * @param {View} view
 * @param {string} message
 */
export function showKeyForm(view, message) {
  view.part("key-form").hidden = false;
  view.part("workspace").hidden = true;
  view.part("key-error").hidden = !message;
  view.part("key-error").textContent = message || "";
  view.keyInput.focus();
}

/** @param {View} view */
export function showWorkspace(view) {
  view.part("key-form").hidden = true;
  view.part("workspace").hidden = false;
}
