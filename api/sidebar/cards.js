// @ts-check
// An article's card: its title linking to the help site, the ticket words that matched it,
// and its buttons (draft its reply; rate it helpful, not helpful or used).
import { element } from "./dom.js";

/** @typedef {import("./layout.js").View} View */
/** @typedef {import("./api.js").Article} Article */
/** @typedef {import("./api.js").Rating} Rating */

/**
 * What the buttons of an article card do.
 * @typedef {object} CardActions
 * @property {(articleId: string) => void} draft  show the article's reply
 * @property {(articleId: string, rating: Rating) => void} rate
 */

/** @type {Record<Rating, string>} */
const RATINGS = { helpful: "Helpful", not_helpful: "Not helpful", used: "Used" };

/**
 * @param {Article} article
 * @param {boolean} drafted  whether the answer has a reply for it
 * @param {CardActions} actions
 * @returns {HTMLLIElement}
 */
export function articleCard(article, drafted, actions) {
  const card = element("li", { className: "card", dataset: { article: article.id } });
  const title = element("a", {
    href: article.url, target: "_blank", rel: "noopener", textContent: article.title,
    title: "Open on the help site",
  });
  card.append(element("h3", {}, title));
  if (article.matched.length) card.append(matchedTerms(article));
  card.append(cardButtons(article.id, drafted, actions));
  return card;
}

/**
 * @param {Article} article
 * @returns {HTMLParagraphElement}
 */
function matchedTerms(article) {
  const terms = element("p", { className: "matched", textContent: "Matched: " });
  for (const match of article.matched) {
    terms.append(element("span", { className: "term", textContent: match.term }));
  }
  return terms;
}

/**
 * @param {string} articleId
 * @param {boolean} drafted
 * @param {CardActions} actions
 * @returns {HTMLDivElement}
 */
function cardButtons(articleId, drafted, actions) {
  const row = element("div", { className: "row" });
  if (drafted) {
    row.append(element("button", {
      type: "button", className: "draft-button", textContent: "Draft reply",
      onclick: () => actions.draft(articleId),
    }));
  }
  for (const [rating, label] of /** @type {[Rating, string][]} */ (Object.entries(RATINGS))) {
    row.append(element("button", {
      type: "button", className: "rate", textContent: label,
      dataset: { rating }, ariaPressed: "false",
      onclick: () => actions.rate(articleId, rating),
    }));
  }
  return row;
}

/**
 * Presses a rating's button on its card, and releases its opposite.
 * @param {View} view
 * @param {string} articleId
 * @param {Rating} rating
 */
export function markRated(view, articleId, rating) {
  const card = view.root.querySelector(`.card[data-article="${CSS.escape(articleId)}"]`);
  card?.querySelector(`[data-rating="${rating}"]`)?.setAttribute("aria-pressed", "true");
  if (rating === "used") return;
  const other = rating === "helpful" ? "not_helpful" : "helpful";
  card?.querySelector(`[data-rating="${other}"]`)?.setAttribute("aria-pressed", "false");
}
