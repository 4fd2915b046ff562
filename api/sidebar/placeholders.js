// @ts-check
// A reply draft cut around its unfilled placeholders, [name], so that each can be shown as
// a mark the agent types over in place. Pure: no DOM, tested with node --test.

/**
 * A run of plain text, or one unfilled placeholder (shown as "[name]").
 * @typedef {{text: string} | {placeholder: string}} Segment
 */

/**
 * The draft as segments: text and placeholders alternate, and the first and last are text
 * (possibly empty), one per text node of the draft. Only the names in `missing` are
 * placeholders; any other [word] stays in the text.
 * @param {string} text
 * @param {readonly string[]} missing
 * @returns {Segment[]}
 */
export function splitPlaceholders(text, missing) {
  if (!missing.length) return [{ text }];
  const names = missing.map((name) => name.replace(/[^a-z0-9_]/g, ""));
  // Split with one capturing group: text, name, text, name, ..., text.
  const pieces = text.split(new RegExp(`\\[(${names.join("|")})\\]`));
  return pieces.map((piece, index) => (index % 2 ? { placeholder: piece } : { text: piece }));
}
