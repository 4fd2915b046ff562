// @ts-check
// Small DOM helpers: building an element, selecting a node's text, copying text.

/** @typedef {Record<string, string>} Dataset */

/**
 * A new element with its properties, data attributes and children; ariaPressed is set as
 * the aria-pressed attribute, which every browser understands.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Partial<Omit<HTMLElementTagNameMap[K], "dataset">> & {dataset?: Dataset}} properties
 * @param {...(Node | string)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function element(tag, properties, ...children) {
  const node = document.createElement(tag);
  const { dataset, ariaPressed, ...rest } = properties;
  Object.assign(node, rest);
  Object.assign(node.dataset, dataset || {});
  if (ariaPressed) node.setAttribute("aria-pressed", ariaPressed);
  node.append(...children);
  return node;
}

/**
 * Selects all of a node's contents, so that typing replaces them.
 * @param {Node} node
 */
export function selectContents(node) {
  const range = document.createRange();
  range.selectNodeContents(node);
  const selection = /** @type {Selection} */ (getSelection());
  selection.removeAllRanges();
  selection.addRange(range);
}

/**
 * Copies text; false when the browser refused. The async clipboard API is refused inside a
 * cross-origin frame without permission; a selected textarea and execCommand('copy') still
 * work there.
 * @param {string} text
 * @returns {Promise<boolean>}
 */
export async function writeClipboard(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (refused) {
    return copyBySelection(text);
  }
}

/**
 * @param {string} text
 * @returns {boolean}
 */
function copyBySelection(text) {
  const area = element("textarea", { value: text, readOnly: true });
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  return copied;
}
