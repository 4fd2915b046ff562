// The agent sidebar: suggested articles, internal runbooks and a reply draft for one
// ticket, from POST /v1/suggest. One page logic for every host; a host only says where
// the ticket comes from and whether a reply can be inserted:
//   standaloneHost()  the agent pastes the ticket;
//   chatwootHost()    Chatwoot posts the conversation to its Dashboard App frame;
//   zendeskHost(zaf)  the Zendesk app (zendesk/assets/iframe.html) reads the ticket.
"use strict";

const KBSidebar = (() => {
  const KEY_STORAGE = "kb-agent-key";
  const LANGUAGES = { en: "English", zh: "简体中文", "zh-Hant": "繁體中文" };
  const SECRET_NAMES = {
    recovery_phrase: "a recovery phrase",
    private_key: "a private key",
    extended_private_key: "an extended private key",
    card_number: "a card number",
  };
  const RATINGS = { helpful: "Helpful", not_helpful: "Not helpful", used: "Used" };
  const CHATWOOT_FETCH = "chatwoot-dashboard-app:fetch-info";
  const CHATWOOT_INCOMING = 0; // message_type of a customer's message

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

  function start(root, { apiBase, host }) {
    root.innerHTML = LAYOUT;
    const part = (name) => root.querySelector(`[data-part="${name}"]`);
    const state = { key: initialKey(), lang: null, answer: null, context: {}, articleId: null };

    function showKeyForm(message) {
      part("key-form").hidden = false;
      part("workspace").hidden = true;
      part("key-error").hidden = !message;
      part("key-error").textContent = message || "";
      root.querySelector("#kb-key").focus();
    }

    function showWorkspace() {
      part("key-form").hidden = true;
      part("workspace").hidden = false;
    }

    async function suggest() {
      const text = root.querySelector("#kb-ticket").value.trim();
      if (!text) {
        setStatus("Paste or type the ticket first.");
        return;
      }
      setStatus("Looking for answers…");
      const response = await callApi("/v1/suggest", {
        text, lang: state.lang, limit: 5, context: state.context,
      });
      if (!response) return;
      state.answer = await response.json();
      state.articleId = null;
      setStatus("");
      render();
    }

    async function callApi(path, body) {
      let response;
      try {
        response = await (host.post || postWithKey)(apiBase + path, body, state.key);
      } catch (error) {
        setStatus("The knowledge base cannot be reached. Check your connection and try again.");
        return null;
      }
      if (response.status === 401) {
        if (host.post) {
          setStatus("The app's API key was not accepted: ask your Zendesk admin to update it.");
          return null;
        }
        forgetKey();
        showKeyForm("That key was not accepted. Paste a valid agent key.");
        return null;
      }
      if (!response.ok) {
        const problem = await response.json().catch(() => null);
        setStatus(problem?.error?.message || `The knowledge base answered ${response.status}.`);
        return null;
      }
      return response;
    }

    function render() {
      const answer = state.answer;
      const secrets = answer.redacted.map((kind) => SECRET_NAMES[kind] || kind);
      part("secret-notice").hidden = secrets.length === 0;
      part("secret-notice").textContent = secrets.length
        ? `The ticket contained ${secrets.join(" and ")}. It was removed before anything was ` +
          "stored, and the draft tells the customer what to do. Never ask for it or repeat it."
        : "";
      part("language").hidden = false;
      part("detected").textContent = `Language: ${LANGUAGES[answer.language]}`;
      for (const button of root.querySelectorAll("[data-lang]")) {
        button.setAttribute("aria-pressed", String(button.dataset.lang === answer.language));
      }
      renderArticles(answer.articles.filter((article) => article.audience === "public"));
      renderRunbooks(answer);
      const first = answer.replies[0];
      selectReply(first ? first.article_id : null);
    }

    function renderArticles(articles) {
      part("articles").hidden = articles.length === 0;
      const list = part("article-list");
      list.replaceChildren(...articles.map((article) => articleCard(article)));
      if (articles.length === 0) setStatus("No article matches this ticket.");
    }

    function articleCard(article) {
      const card = element("li", { className: "card", dataset: { article: article.id } });
      const title = element("a", {
        href: article.url, target: "_blank", rel: "noopener", textContent: article.title,
        title: "Open on the help site",
      });
      card.append(element("h3", {}, title));
      if (article.matched.length) {
        const terms = element("p", { className: "matched", textContent: "Matched: " });
        for (const match of article.matched) {
          terms.append(element("span", { className: "term", textContent: match.term }));
        }
        card.append(terms);
      }
      const actions = element("div", { className: "row" });
      if (state.answer.replies.some((reply) => reply.article_id === article.id)) {
        actions.append(element("button", {
          type: "button", className: "draft-button", textContent: "Draft reply",
          onclick: () => selectReply(article.id),
        }));
      }
      for (const [rating, label] of Object.entries(RATINGS)) {
        actions.append(element("button", {
          type: "button", className: "rate", textContent: label,
          dataset: { rating }, ariaPressed: "false",
          onclick: () => rate(article.id, rating),
        }));
      }
      card.append(actions);
      return card;
    }

    function renderRunbooks(answer) {
      const runbooks = answer.runbooks;
      part("runbooks").hidden = runbooks.length === 0;
      part("runbook-list").replaceChildren(...runbooks.map((runbook) => {
        const link = element("a", {
          href: runbook.url, target: "_blank", rel: "noopener", textContent: runbook.title,
        });
        return element("li", {}, element("span", { className: "badge", textContent: "Internal" }), link);
      }));
    }

    function selectReply(articleId) {
      const reply = state.answer.replies.find((candidate) => candidate.article_id === articleId);
      state.articleId = reply ? articleId : null;
      part("reply").hidden = !reply;
      if (!reply) return;
      const article = state.answer.articles.find((candidate) => candidate.id === articleId);
      const issue = reply.known_issue_id ? state.answer.known_issue : null;
      part("reply-for").textContent = issue
        ? `Known issue: “${issue.title}”`
        : article ? `for “${article.title}”` : "";
      part("draft").replaceChildren(...draftNodes(reply.text, reply.missing));
      for (const card of root.querySelectorAll(".card")) {
        card.classList.toggle("selected", card.dataset.article === articleId);
      }
      part("copy-status").textContent = "";
      updateMissing();
    }

    // The draft as text with each unfilled placeholder, [name], as a highlighted mark the
    // agent can type over in place.
    function draftNodes(text, missing) {
      if (!missing.length) return [document.createTextNode(text)];
      const names = missing.map((name) => name.replace(/[^a-z0-9_]/g, ""));
      const pattern = new RegExp(`\\[(${names.join("|")})\\]`, "g");
      const nodes = [];
      let last = 0;
      for (const found of text.matchAll(pattern)) {
        nodes.push(document.createTextNode(text.slice(last, found.index)));
        nodes.push(element("mark", {
          className: "missing", textContent: found[0], tabIndex: 0,
          dataset: { placeholder: found[1] }, title: `Fill in ${found[1]}`,
        }));
        last = found.index + found[0].length;
      }
      nodes.push(document.createTextNode(text.slice(last)));
      return nodes;
    }

    function unfilled() {
      return [...part("draft").querySelectorAll("mark.missing")]
        .filter((mark) => mark.textContent === `[${mark.dataset.placeholder}]`)
        .map((mark) => mark.dataset.placeholder);
    }

    function updateMissing() {
      const names = unfilled();
      part("missing").hidden = names.length === 0;
      part("missing").textContent = names.length ? `Still to fill in: ${names.join(", ")}` : "";
      for (const mark of part("draft").querySelectorAll("mark.missing")) {
        mark.classList.toggle("filled", !names.includes(mark.dataset.placeholder));
      }
    }

    async function copyReply() {
      const text = part("draft").innerText.trim();
      const copied = await writeClipboard(text);
      const names = unfilled();
      part("copy-status").textContent = !copied
        ? "Could not copy: select the draft and press Ctrl+C."
        : names.length ? `Copied, but still to fill in: ${names.join(", ")}` : "Copied.";
      if (copied && state.articleId) rate(state.articleId, "used");
    }

    async function insertReply() {
      await host.insert(part("draft").innerText.trim());
      part("copy-status").textContent = "Inserted into the reply.";
      if (state.articleId) rate(state.articleId, "used");
    }

    async function rate(articleId, rating) {
      const response = await callApi("/v1/feedback", {
        suggestion_id: state.answer.suggestion_id, article_id: articleId, rating,
      });
      if (!response) return;
      const card = root.querySelector(`.card[data-article="${CSS.escape(articleId)}"]`);
      const button = card?.querySelector(`[data-rating="${rating}"]`);
      button?.setAttribute("aria-pressed", "true");
      if (rating !== "used") {
        const other = rating === "helpful" ? "not_helpful" : rating === "not_helpful" ? "helpful" : null;
        card?.querySelector(`[data-rating="${other}"]`)?.setAttribute("aria-pressed", "false");
      }
    }

    function setStatus(message) {
      part("status").textContent = message;
    }

    function forgetKey() {
      state.key = null;
      sessionStorage.removeItem(KEY_STORAGE);
    }

    // Ticket from the host: fill the box and suggest at once, without typing.
    function receiveTicket({ text, customerName, agentName, lang }) {
      root.querySelector("#kb-ticket").value = text || "";
      state.context = Object.fromEntries(Object.entries({
        customer_name: customerName, agent_name: agentName,
      }).filter(([, value]) => value));
      state.lang = lang || null;
      if (text && (state.key || host.post)) suggest();
    }

    part("key-form").addEventListener("submit", (event) => {
      event.preventDefault();
      state.key = root.querySelector("#kb-key").value.trim();
      sessionStorage.setItem(KEY_STORAGE, state.key);
      showWorkspace();
      if (root.querySelector("#kb-ticket").value.trim()) suggest();
      else root.querySelector("#kb-ticket").focus();
    });
    part("ticket-form").addEventListener("submit", (event) => {
      event.preventDefault();
      state.lang = null;
      suggest();
    });
    root.querySelector("#kb-ticket").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        part("ticket-form").requestSubmit();
      }
    });
    part("forget-key").addEventListener("click", () => {
      forgetKey();
      showKeyForm("");
    });
    for (const button of root.querySelectorAll("[data-lang]")) {
      button.addEventListener("click", () => {
        state.lang = button.dataset.lang;
        suggest();
      });
    }
    part("draft").addEventListener("input", updateMissing);
    // Focusing a placeholder selects it, so typing replaces [name] at once.
    part("draft").addEventListener("focusin", (event) => {
      if (event.target.matches?.("mark.missing")) selectContents(event.target);
    });
    part("draft").addEventListener("click", (event) => {
      const mark = event.target.closest?.("mark.missing");
      if (mark && !mark.classList.contains("filled")) selectContents(mark);
    });
    part("copy").addEventListener("click", copyReply);
    part("insert").hidden = !host.insert;
    part("forget-key").hidden = Boolean(host.post);
    part("insert").addEventListener("click", insertReply);

    // A host that makes the calls itself (Zendesk's proxy) holds the key; the page never does.
    if (state.key || host.post) showWorkspace();
    else showKeyForm("");
    host.connect(receiveTicket);
  }

  // A key in the page address (#key=... or ?key=..., set in the helpdesk's app settings)
  // wins over the one kept in this tab; it is then removed from the address bar.
  function initialKey() {
    const fromHash = new URLSearchParams(location.hash.slice(1)).get("key");
    const query = new URLSearchParams(location.search);
    const fromUrl = fromHash || query.get("key");
    if (fromUrl) {
      sessionStorage.setItem(KEY_STORAGE, fromUrl);
      query.delete("key");
      const search = query.toString();
      history.replaceState(null, "", location.pathname + (search ? `?${search}` : ""));
    }
    return sessionStorage.getItem(KEY_STORAGE);
  }

  function postWithKey(url, body, key) {
    return fetch(url, {
      method: "POST",
      headers: { "Authorization": `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  // The async clipboard API is refused inside a cross-origin frame without permission;
  // a selected textarea and execCommand('copy') still work there.
  async function writeClipboard(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (refused) {
      const area = element("textarea", { value: text, readOnly: true });
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      const copied = document.execCommand("copy");
      area.remove();
      return copied;
    }
  }

  function selectContents(node) {
    const range = document.createRange();
    range.selectNodeContents(node);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function element(tag, properties, ...children) {
    const node = document.createElement(tag);
    const { dataset, ariaPressed, ...rest } = properties;
    Object.assign(node, rest);
    Object.assign(node.dataset, dataset || {});
    if (ariaPressed) node.setAttribute("aria-pressed", ariaPressed);
    node.append(...children);
    return node;
  }

  function standaloneHost() {
    return { connect() {}, insert: null, post: null };
  }

  // Chatwoot posts {"event": "appContext", "data": {conversation, contact, currentAgent}}
  // as a JSON string when the frame loads (the frame is new for every conversation),
  // and again whenever the app asks with CHATWOOT_FETCH.
  function chatwootHost() {
    return {
      insert: null,
      post: null,
      connect(receive) {
        window.addEventListener("message", (event) => {
          if (event.source !== window.parent || typeof event.data !== "string") return;
          let message;
          try {
            message = JSON.parse(event.data);
          } catch (notJson) {
            return;
          }
          if (message?.event !== "appContext" || !message.data) return;
          receive(chatwootTicket(message.data));
        });
        window.parent.postMessage(CHATWOOT_FETCH, "*");
      },
    };
  }

  function chatwootTicket({ conversation, contact, currentAgent }) {
    const incoming = (conversation?.messages || [])
      .filter((message) => message.message_type === CHATWOOT_INCOMING && message.content)
      .sort((a, b) => (a.created_at || 0) - (b.created_at || 0));
    const latest = incoming[incoming.length - 1];
    return {
      text: latest ? latest.content : "",
      customerName: contact?.name,
      agentName: currentAgent?.name,
    };
  }

  // Zendesk's ticket_sidebar: the ZAF client reads the ticket and inserts the reply, and
  // its proxy calls the API with the key kept in the app's secure setting, which the
  // browser never sees ({{setting.api_key}} is filled in on Zendesk's side).
  function zendeskHost(client) {
    return {
      async post(url, body) {
        let answer;
        try {
          answer = await client.request({
            url, type: "POST", contentType: "application/json", data: JSON.stringify(body),
            headers: { Authorization: "Bearer {{setting.api_key}}" },
            secure: true, httpCompleteResponse: true,
          });
        } catch (failed) {
          answer = failed;
        }
        const status = answer.status || 0;
        if (!status) throw new Error("no answer");
        return {
          status, ok: status >= 200 && status < 300,
          json: async () => JSON.parse(answer.responseText || "null"),
        };
      },
      async connect(receive) {
        const found = await client.get([
          "ticket.description", "ticket.requester.name", "ticket.requester.locale",
          "currentUser.name",
        ]);
        receive({
          text: found["ticket.description"],
          customerName: found["ticket.requester.name"],
          agentName: found["currentUser.name"],
          lang: replyLanguage(found["ticket.requester.locale"]),
        });
      },
      insert: (text) => client.invoke("ticket.comment.appendText", text),
    };
  }

  // A requester's locale (zh-cn, zh-TW, en-US...) as a reply language, or null to detect.
  function replyLanguage(locale) {
    const code = String(locale || "").toLowerCase();
    if (/^zh-(tw|hk|mo|hant)/.test(code)) return "zh-Hant";
    if (code.startsWith("zh")) return "zh";
    if (code.startsWith("en")) return "en";
    return null;
  }

  return { start, standaloneHost, chatwootHost, zendeskHost, chatwootTicket, replyLanguage };
})();
