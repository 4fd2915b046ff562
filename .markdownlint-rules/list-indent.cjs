// @ts-check
"use strict";

// KB001 list-indent-4: blocks nested in a list item (a sublist, a second
// paragraph, a code fence, a table) must be indented 4 spaces per level.
//
// The help site renders with Python-Markdown (MkDocs), which needs 4 spaces per
// nesting level. CommonMark, and so markdownlint's built-in rules, accept less
// (3 under "1. ", 2 under "- "), so a sublist indented 3 spaces under a numbered
// step passes every MD rule but is published as extra numbered steps, and a
// paragraph indented 3 spaces after a blank line falls out of the list.
// MD007 (with indent 4) already checks bullets nested only in bullets; this
// rule checks everything else so no line is reported twice.

const LISTS = new Set([ "listOrdered", "listUnordered" ]);
// Children of a list token that are not blocks of their own.
const TRIVIA = new Set([
  "listItemPrefix", "listItemIndent", "lineEnding", "lineEndingBlank",
  "blankLine", "linePrefix", "whitespace"
]);

/** @type {import("markdownlint").Rule} */
module.exports = {
  "names": [ "KB001", "list-indent-4" ],
  "description": "Nested list content must be indented 4 spaces per level (the site's Python-Markdown renders less as a flat list)",
  "tags": [ "indentation", "ol", "ul" ],
  "parser": "micromark",
  "function": function KB001(params, onError) {
    /**
     * @param {import("markdownlint").MicromarkToken[]} tokens
     * @param {import("markdownlint").MicromarkToken[]} lists enclosing lists, outermost first
     * @param {number} base indentation of the outermost list's markers
     */
    function walk(tokens, lists, base) {
      for (const token of tokens) {
        if (token.type === "blockQuote" || token.type === "gfmFootnoteDefinition") {
          continue; // column arithmetic differs there; articles use neither
        }
        if (!LISTS.has(token.type)) {
          walk(token.children, lists, base);
          continue;
        }
        const depth = lists.length;
        const listBase = (depth === 0) ? token.startColumn - 1 : base;
        // Bullets nested only in bullets are MD007's job.
        const md007 = (depth > 0) && [ ...lists, token ].every((list) => list.type === "listUnordered");
        const markerLines = new Set();
        for (const child of token.children) {
          if (child.type === "listItemPrefix") {
            markerLines.add(child.startLine);
            if (depth > 0 && !md007) {
              check(child, listBase + 4 * depth, "list marker");
            }
          }
        }
        for (const child of token.children) {
          if (TRIVIA.has(child.type) || markerLines.has(child.startLine)) {
            continue; // the first block of an item sits on the marker's line
          }
          if (LISTS.has(child.type)) {
            continue; // its markers are checked when walking into it
          }
          check(child, listBase + 4 * (depth + 1), "block inside a list item");
        }
        walk(token.children, [ ...lists, token ], listBase);
      }
    }

    /**
     * @param {import("markdownlint").MicromarkToken} token
     * @param {number} expected
     * @param {string} what
     */
    function check(token, expected, what) {
      const actual = token.startColumn - 1;
      if (actual !== expected) {
        onError({
          "lineNumber": token.startLine,
          "detail": `Expected: ${expected}; Actual: ${actual}; ${what}`,
          "range": [ 1, actual + 1 ],
          "fixInfo": (token.type === "listItemPrefix") ?
            { "editColumn": 1, "deleteCount": actual, "insertText": " ".repeat(expected) } :
            undefined
        });
      }
    }

    walk(params.parsers.micromark.tokens, [], 0);
  }
};
