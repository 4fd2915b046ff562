// @ts-check
// The reply draft: editable text in which each unfilled placeholder, [name], is a
// highlighted mark the agent types over in place; what is still to fill in.
import { element, selectContents } from "./dom.js";
import { splitPlaceholders } from "./placeholders.js";

/** @typedef {import("./layout.js").View} View */

/**
 * Shows text in the draft, with the placeholders named in missing as marks.
 * @param {View} view
 * @param {string} text
 * @param {readonly string[]} missing
 */
export function showDraft(view, text, missing) {
  view.part("draft").replaceChildren(...splitPlaceholders(text, missing).map(draftNode));
  updateMissing(view);
}

/**
 * @param {import("./placeholders.js").Segment} segment
 * @returns {Node}
 */
function draftNode(segment) {
  if ("text" in segment) return document.createTextNode(segment.text);
  const name = segment.placeholder;
  return element("mark", {
    className: "missing", textContent: `[${name}]`, tabIndex: 0,
    dataset: { placeholder: name }, title: `Fill in ${name}`,
  });
}

/**
 * The draft as the agent left it.
 * @param {View} view
 * @returns {string}
 */
export function draftText(view) {
  return view.part("draft").innerText.trim();
}

/**
 * The placeholders still showing their [name].
 * @param {View} view
 * @returns {string[]}
 */
export function unfilled(view) {
  return marks(view)
    .filter((mark) => mark.textContent === `[${mark.dataset.placeholder}]`)
    .map((mark) => String(mark.dataset.placeholder));
}

/** @param {View} view */
export function updateMissing(view) {
  const names = unfilled(view);
  view.part("missing").hidden = names.length === 0;
  view.part("missing").textContent = names.length ? `Still to fill in: ${names.join(", ")}` : "";
  for (const mark of marks(view)) {
    mark.classList.toggle("filled", !names.includes(String(mark.dataset.placeholder)));
  }
}

/**
 * @param {View} view
 * @returns {HTMLElement[]}
 */
function marks(view) {
  const found = view.part("draft").querySelectorAll("mark.missing");
  return [.../** @type {NodeListOf<HTMLElement>} */ (found)];
}

/**
 * Typing updates what is still to fill in; focusing or clicking an unfilled placeholder
 * selects it, so typing replaces [name] at once.
 * @param {View} view
 */
export function wireDraft(view) {
  const draft = view.part("draft");
  draft.addEventListener("input", () => updateMissing(view));
  draft.addEventListener("focusin", (event) => {
    const target = /** @type {Element} */ (event.target);
    if (target.matches?.("mark.missing")) selectContents(target);
  });
  draft.addEventListener("click", (event) => {
    const mark = /** @type {Element} */ (event.target).closest?.("mark.missing");
    if (mark && !mark.classList.contains("filled")) selectContents(mark);
  });
}
