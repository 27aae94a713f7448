// Calls to G7Flows' HTTP API from the web app. The caller is authenticated either by the App Service Authentication
// session cookie (sent by the browser on these same-origin requests) or, in the server's Development environment, by
// the development token the sign-in page keeps for this tab.

const TOKEN_KEY = 'g7flows.token';

/** The development token of this tab, if any. */
export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Keeps (or, with null, forgets) this tab's development token. */
export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/**
 * Sends a request and reads its answer.
 * Returns { status, ok, data, problem, headers }: `data` is the parsed JSON (or text) of a success, `problem` the
 * RFC 9457 problem details of a failure (or a stand-in when the body was not one).
 */
async function call(method, path, body, options = {}) {
  const headers = { Accept: options.accept ?? 'application/json' };
  const bearer = token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.headers) Object.assign(headers, options.headers);
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
  } catch {
    return { status: 0, ok: false, data: null, headers: new Headers(), problem: { title: 'The service could not be reached.', detail: 'Check your connection and try again.' } };
  }

  const type = response.headers.get('Content-Type') ?? '';
  let payload = null;
  if (response.status !== 204 && response.status !== 304) {
    payload = type.includes('json') ? await response.json().catch(() => null) : await response.text();
  }

  if (response.ok) return { status: response.status, ok: true, data: payload, problem: null, headers: response.headers };
  const problem = payload && typeof payload === 'object' && (payload.title || payload.detail)
    ? payload
    : { status: response.status, title: `The request failed (${response.status}).`, detail: '' };
  return { status: response.status, ok: false, data: null, problem, headers: response.headers };
}

export const get = (path, options) => call('GET', path, undefined, options);
export const post = (path, body, options) => call('POST', path, body ?? {}, options);

/** The signed-in caller ({ subject, name, roles, nation, org }), or null when nobody is signed in. */
export async function me() {
  const reply = await get('/api/me');
  if (reply.status === 401 && token()) setToken(null);
  return reply.ok ? reply.data : null;
}

/** A problem in one sentence or two, for people. */
export function describe(problem) {
  if (!problem) return '';
  return [problem.title, problem.detail].filter(Boolean).join(' ');
}

/** The problem's type name (".../problems/already-answered" as "already-answered"). */
export function problemType(problem) {
  const type = problem?.type ?? '';
  return type.slice(type.lastIndexOf('/') + 1);
}
