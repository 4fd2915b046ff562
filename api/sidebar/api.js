// @ts-check
// Calling the kb API from the page, with the agent's key kept for this browser tab, and
// the shapes of the answers the page reads (api/schemas: SuggestResponse, ErrorResponse).

/** @typedef {"en" | "zh" | "zh-Hant"} Language */
/**
 * @typedef {"recovery_phrase" | "private_key" | "extended_private_key" | "card_number"} SecretKind
 */
/** @typedef {"helpful" | "not_helpful" | "used"} Rating */
/** @typedef {{term: string, fields: string[]}} MatchedTerm */
/**
 * An internal runbook to follow, ranked apart from the FAQs.
 * @typedef {object} Runbook
 * @property {string} id
 * @property {string} title
 * @property {string} url
 * @property {"internal"} audience
 * @property {boolean} ranked  found for the ticket's own words
 * @property {number | null} score
 * @property {number | null} confidence
 * @property {MatchedTerm[]} matched
 * @property {string[]} named_by  the suggested FAQs that name it
 */
/** @typedef {{id: number, title: string}} KnownIssue */
/** @typedef {{customer_name?: string, agent_name?: string}} ReplyContext */

/**
 * @typedef {object} Article
 * @property {string} id  the slug
 * @property {string} title
 * @property {"public" | "internal"} audience
 * @property {number} score
 * @property {number} confidence
 * @property {string} url
 * @property {string} snippet
 * @property {MatchedTerm[]} matched
 * @property {string[]} runbooks
 */

/**
 * @typedef {object} Reply
 * @property {string} article_id
 * @property {Language} language
 * @property {string} text
 * @property {string[]} missing  placeholders left as [name]
 * @property {string} url
 * @property {number | null} [known_issue_id]
 */

/**
 * The answer of POST /v1/suggest (entities left out: the page does not read them).
 * @typedef {object} SuggestResponse
 * @property {string} suggestion_id
 * @property {Language} language
 * @property {KnownIssue | null} [known_issue]
 * @property {Article[]} articles
 * @property {Reply[]} replies
 * @property {Runbook[]} runbooks
 * @property {SecretKind[]} redacted
 */

/** @typedef {{error?: {code: string, message: string}}} ErrorResponse */

/**
 * What fetch answers, or what a host that makes the calls itself answers instead.
 * @typedef {object} ApiResponse
 * @property {number} status
 * @property {boolean} ok
 * @property {() => Promise<any>} json
 */

/**
 * Who calls, and where to say what went wrong.
 * @typedef {object} Caller
 * @property {string} apiBase  the service's URL, without a trailing slash
 * @property {import("./hosts.js").Host} host
 * @property {string | null} key  the agent's key, unless the host makes the calls
 * @property {(message: string) => void} say  shows why the call failed
 * @property {() => void} refused  the agent's key was refused (401)
 */

const KEY_STORAGE = "kb-agent-key";

/**
 * The agent's key. One in the page address (#key=... or ?key=..., set in the helpdesk's app
 * settings) wins over the one kept in this tab; it is then removed from the address bar.
 * @returns {string | null}
 */
export function initialKey() {
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

/** @param {string} key */
export function keepKey(key) {
  sessionStorage.setItem(KEY_STORAGE, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY_STORAGE);
}

/**
 * POSTs body to the API; the response when it is a success, else null once the caller has
 * been told why.
 * @param {Caller} caller
 * @param {string} path
 * @param {object} body
 * @returns {Promise<ApiResponse | null>}
 */
export async function callApi(caller, path, body) {
  let response;
  try {
    response = await (caller.host.post || postWithKey)(caller.apiBase + path, body, caller.key);
  } catch (error) {
    caller.say("The knowledge base cannot be reached. Check your connection and try again.");
    return null;
  }
  if (response.status === 401) {
    if (caller.host.post) {
      caller.say("The app's API key was not accepted: ask your Zendesk admin to update it.");
    } else {
      caller.refused();
    }
    return null;
  }
  if (!response.ok) {
    caller.say(await problem(response));
    return null;
  }
  return response;
}

/**
 * @param {ApiResponse} response  a failure
 * @returns {Promise<string>}
 */
async function problem(response) {
  /** @type {ErrorResponse | null} */
  const answer = await response.json().catch(() => null);
  return answer?.error?.message || `The knowledge base answered ${response.status}.`;
}

/**
 * @param {string} url
 * @param {object} body
 * @param {string | null} key
 * @returns {Promise<ApiResponse>}
 */
function postWithKey(url, body, key) {
  return fetch(url, {
    method: "POST",
    headers: { "Authorization": `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}
