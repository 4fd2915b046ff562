// @ts-check
// One answer of /v1/suggest on screen: the secret notice, the language, the articles (as
// cards.js draws them), the internal runbooks, and the chosen reply draft.
import { articleCard } from "./cards.js";
import { element } from "./dom.js";
import { showDraft } from "./draft.js";
import { LANGUAGES, setStatus } from "./layout.js";

/** @typedef {import("./layout.js").View} View */
/** @typedef {import("./api.js").SuggestResponse} SuggestResponse */
/** @typedef {import("./cards.js").CardActions} CardActions */

const SECRET_NAMES = {
  recovery_phrase: "a recovery phrase",
  private_key: "a private key",
  extended_private_key: "an extended private key",
  card_number: "a card number",
};

/**
 * Everything but the reply, which renderReply shows.
 * @param {View} view
 * @param {SuggestResponse} answer
 * @param {CardActions} actions
 */
export function renderAnswer(view, answer, actions) {
  renderSecrets(view, answer.redacted.map((kind) => SECRET_NAMES[kind] || kind));
  renderLanguage(view, answer.language);
  renderArticles(view, answer, actions);
  renderRunbooks(view, answer);
}

/**
 * @param {View} view
 * @param {string[]} secrets  what the ticket contained, as a phrase each
 */
function renderSecrets(view, secrets) {
  const notice = view.part("secret-notice");
  notice.hidden = secrets.length === 0;
  notice.textContent = secrets.length
    ? `The ticket contained ${secrets.join(" and ")}. It was removed before anything was ` +
      "stored, and the draft tells the customer what to do. Never ask for it or repeat it."
    : "";
}

/**
 * @param {View} view
 * @param {import("./api.js").Language} language
 */
function renderLanguage(view, language) {
  view.part("language").hidden = false;
  view.part("detected").textContent = `Language: ${LANGUAGES[language]}`;
  const buttons = view.root.querySelectorAll("[data-lang]");
  for (const button of /** @type {NodeListOf<HTMLElement>} */ (buttons)) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === language));
  }
}

/**
 * @param {View} view
 * @param {SuggestResponse} answer
 * @param {CardActions} actions
 */
function renderArticles(view, answer, actions) {
  const articles = answer.articles.filter((article) => article.audience === "public");
  view.part("articles").hidden = articles.length === 0;
  view.part("article-list").replaceChildren(...articles.map((article) => articleCard(
    article, answer.replies.some((reply) => reply.article_id === article.id), actions)));
  if (articles.length === 0) setStatus(view, "No article matches this ticket.");
}

/**
 * @param {View} view
 * @param {SuggestResponse} answer
 */
function renderRunbooks(view, answer) {
  const runbooks = answer.runbooks;
  view.part("runbooks").hidden = runbooks.length === 0;
  view.part("runbook-list").replaceChildren(...runbooks.map((runbook) => {
    const link = element("a", {
      href: runbook.url, target: "_blank", rel: "noopener", textContent: runbook.title,
    });
    const badge = element("span", { className: "badge", textContent: "Internal" });
    const why = element("span", { className: "hint", textContent: runbookReason(runbook) });
    return element("li", {}, badge, link, why);
  }));
}

/**
 * Why the runbook is listed: the ticket's own words, or the FAQs that name it.
 * @param {import("./api.js").Runbook} runbook
 * @returns {string}
 */
export function runbookReason(runbook) {
  const reasons = [];
  if (runbook.ranked) reasons.push(`matches: ${runbook.matched.map((m) => m.term).join(", ")}`);
  if (runbook.named_by.length) reasons.push(`for ${runbook.named_by.join(", ")}`);
  return reasons.length ? ` (${reasons.join("; ")})` : "";
}

/**
 * Shows the reply drafted from an article (or the known issue's); the id of the reply
 * shown, or null when the answer has none for that id.
 * @param {View} view
 * @param {SuggestResponse} answer
 * @param {string | null} articleId
 * @returns {string | null}
 */
export function renderReply(view, answer, articleId) {
  const reply = answer.replies.find((candidate) => candidate.article_id === articleId);
  view.part("reply").hidden = !reply;
  if (!reply) return null;
  view.part("reply-for").textContent = replyFor(answer, reply);
  showDraft(view, reply.text, reply.missing);
  const cards = /** @type {NodeListOf<HTMLElement>} */ (view.root.querySelectorAll(".card"));
  for (const card of cards) {
    card.classList.toggle("selected", card.dataset.article === articleId);
  }
  view.part("copy-status").textContent = "";
  return articleId;
}

/**
 * What the reply is for: the known issue, or the article.
 * @param {SuggestResponse} answer
 * @param {import("./api.js").Reply} reply
 * @returns {string}
 */
function replyFor(answer, reply) {
  const issue = reply.known_issue_id ? answer.known_issue : null;
  if (issue) return `Known issue: “${issue.title}”`;
  const article = answer.articles.find((candidate) => candidate.id === reply.article_id);
  return article ? `for “${article.title}”` : "";
}
