// Every call the pages make, and the wire shapes they rely on, live here and nowhere else.
// The API is snake_case JSON; errors are RFC 9457 problem+json with errors[{field, message, fix}].

/**
 * @typedef {'Pending'|'CreatingPullRequest'|'AwaitingApproval'|'Building'|'Deploying'|'ConfiguringIngress'
 *   |'Completed'|'Failed'|'Rejected'|'ApprovalExpired'|'Cancelled'} ProvisionStatus
 * @typedef {'pull_request'|'approval'|'build'|'rollout'|'ingress'} StepName
 * @typedef {'Running'|'Succeeded'|'Failed'|'Rejected'|'Expired'|'Cancelled'} StepOutcome
 * @typedef {{name: StepName, outcome: StepOutcome, started_at: string, ended_at?: string, detail?: string}} Step
 * @typedef {{self: string, cancel?: string, pr_url?: string, build_url?: string, live_url?: string}} Links
 * @typedef {{name: string, phase?: string, container?: string, reason?: string, message?: string, restart_count?: number}} PodEvidence
 * @typedef {{object?: string, reason?: string, message?: string, count?: number, last_seen?: string}} EventEvidence
 * @typedef {{build_url?: string, result?: string, console_tail?: string[], pods?: PodEvidence[], events?: EventEvidence[]}} Evidence
 * @typedef {{step: string, cause: string, remedy: string, evidence?: Evidence}} Failure
 * @typedef {{reachable?: boolean, status_code?: number, dns_resolves?: boolean, detail?: string}} Probe
 * @typedef {{name?: string, address?: string, probe?: Probe}} Ingress
 * @typedef {{provision_id: string, domain: string, app_type: string, template_id: string, status: ProvisionStatus,
 *   created_at: string, last_updated_at: string, timeline: Step[], links: Links, pull_request_opened_via?: string,
 *   failure?: Failure, ingress?: Ingress}} Provision
 * @typedef {{provision_id: string, domain: string, app_type: string, template_id: string, status: ProvisionStatus,
 *   created_at: string, last_updated_at: string, links: Links}} ProvisionSummary
 * @typedef {{name: string, description: string, default?: string}} TemplateParameter
 * @typedef {{id: string, name: string, app_type: string, description: string, parameters: TemplateParameter[]}} Template
 * @typedef {{path: string, content: string}} PreviewFile
 * @typedef {{domain: string, app_type: string, template_id: string, branch: string, files: PreviewFile[],
 *   build_parameters: Record<string, string>, ingress_manifest: string}} Preview
 * @typedef {{field: string, message: string, fix?: string}} FieldError
 * @typedef {{type?: string, title?: string, status?: number, detail?: string, instance?: string,
 *   errors?: FieldError[], provision_id?: string}} Problem
 * @typedef {{api_url: string, owner: string, repo: string, reviewer_token: string}} SandboxGitHub
 * @typedef {{github: SandboxGitHub, jenkins?: object, kubernetes?: object, ingress?: {url_template: string}}} Sandbox
 * @typedef {{domain: string, app_type: string, template_id: string}} ProvisionRequest
 */

/** The API root: the UI lives at {root}ui/, so one level above the UI's folder, whatever the host's prefix. */
const apiRoot = new URL('../../', import.meta.url);

const keyStorageName = 'provisioner.functionKey';

/** A failed call: the HTTP status (0 when the server was not reached), the problem it sent, and Retry-After. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {Problem} problem
   * @param {number | null} retryAfterMs
   */
  constructor(status, problem, retryAfterMs = null) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The Functions key the user gave for this browser tab, or null (the local runner needs none). */
export function functionKey() {
  return sessionStorage.getItem(keyStorageName);
}

/** Keeps the key for this tab only; it travels as the x-functions-key header, never in a URL. */
export function setFunctionKey(key) {
  const trimmed = key.trim();
  if (trimmed) {
    sessionStorage.setItem(keyStorageName, trimmed);
  } else {
    sessionStorage.removeItem(keyStorageName);
  }
}

export function forgetFunctionKey() {
  sessionStorage.removeItem(keyStorageName);
}

/** @returns {Promise<Template[]>} */
export async function listTemplates() {
  const { body } = await call('GET', 'templates');
  return body.templates;
}

/**
 * Starts a provision (202).
 * @param {ProvisionRequest} request
 * @returns {Promise<{provision_id: string, status: ProvisionStatus, links: Links}>}
 */
export async function startProvision(request) {
  const { body } = await call('POST', 'provisions', request);
  return body;
}

/**
 * What a provision would make; starts nothing.
 * @param {ProvisionRequest} request
 * @returns {Promise<Preview>}
 */
export async function previewProvision(request) {
  const { body } = await call('POST', 'provisions/preview', request);
  return body;
}

/**
 * @param {string} id
 * @returns {Promise<{provision: Provision, retryAfterMs: number | null}>}
 */
export async function getProvision(id) {
  const { body, retryAfterMs } = await call('GET', `provisions/${encodeURIComponent(id)}`);
  return { provision: body, retryAfterMs };
}

/** Asks the API to cancel a running provision (202; it ends Cancelled shortly after). */
export async function cancelProvision(id) {
  await call('POST', `provisions/${encodeURIComponent(id)}/cancel`);
}

/**
 * Recent provisions, newest first.
 * @param {{status?: string, domain?: string, next?: string}} query `next` is the URL the previous page named.
 * @returns {Promise<{provisions: ProvisionSummary[], next: string | null}>}
 */
export async function listProvisions({ status, domain, next } = {}) {
  let target = next ? sameOriginUrl(next) : new URL('provisions', apiRoot);
  if (!next) {
    if (status) target.searchParams.set('status', status);
    if (domain) target.searchParams.set('domain', domain);
  }
  const { body } = await call('GET', target);
  return { provisions: body.provisions ?? [], next: body.next ?? null };
}

/**
 * The sandbox's simulators and reviewer identity, or null when this is not a sandbox (404).
 * @returns {Promise<Sandbox | null>}
 */
export async function getSandbox() {
  try {
    const { body } = await call('GET', 'sandbox');
    return body;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/**
 * Merges a pull request as the DevOps reviewer, through the GitHub API the sandbox names
 * (PUT /repos/{owner}/{repo}/pulls/{n}/merge), as a person merging on GitHub would.
 * @param {SandboxGitHub} github
 * @param {number} number
 * @returns {Promise<{sha: string, merged: boolean, message: string}>}
 */
export async function mergePullRequest(github, number) {
  return gitHubCall(github, 'PUT', `pulls/${number}/merge`, { merge_method: 'merge' });
}

/**
 * Closes a pull request without merging it (PATCH /repos/{owner}/{repo}/pulls/{n}, state closed).
 * @param {SandboxGitHub} github
 * @param {number} number
 */
export async function closePullRequest(github, number) {
  return gitHubCall(github, 'PATCH', `pulls/${number}`, { state: 'closed' });
}

/** The pull request number in a GitHub pull request URL (…/pull/{n}), or null. */
export function pullRequestNumber(prUrl) {
  const match = /\/pull\/(\d+)\/?$/.exec(prUrl ?? '');
  return match ? Number(match[1]) : null;
}

async function gitHubCall(github, method, path, body) {
  const base = new URL(`repos/${encodeURIComponent(github.owner)}/${encodeURIComponent(github.repo)}/`, github.api_url);
  let response;
  try {
    response = await fetch(new URL(path, base), {
      method,
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      headers: {
        Accept: 'application/vnd.github+json',
        Authorization: `Bearer ${github.reviewer_token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { title: 'GitHub could not be reached.', detail: `No answer from ${base.origin}. Is the sandbox still running?` });
  }
  const payload = await readJson(response);
  if (!response.ok) {
    // GitHub's errors are {message, documentation_url}.
    throw new ApiError(response.status, { title: `GitHub answered ${response.status}.`, detail: payload?.message ?? response.statusText });
  }
  return payload;
}

/**
 * One API call: JSON in and out, the function key as a header when the user gave one.
 * @param {string} method
 * @param {string | URL} path relative to the API root, or an absolute URL on it
 * @param {object} [body]
 */
async function call(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const key = functionKey();
  if (key) headers['x-functions-key'] = key;

  let response;
  try {
    response = await fetch(path instanceof URL ? path : new URL(path, apiRoot), {
      method,
      headers,
      cache: 'no-store',
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { title: 'The Provisioner API could not be reached.', detail: 'Check your connection; the page tries again.' });
  }

  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
  const payload = await readJson(response);
  if (!response.ok) {
    const problem = isObject(payload) ? payload : { title: `The API answered ${response.status} ${response.statusText}.`.trim() };
    throw new ApiError(response.status, problem, retryAfterMs);
  }
  return { body: payload, retryAfterMs };
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value, now = Date.now()) {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Follows only links on the API's own origin (a page link from the API must not send the key elsewhere). */
function sameOriginUrl(link) {
  const url = new URL(link, apiRoot);
  if (url.origin !== apiRoot.origin) throw new ApiError(0, { title: 'The API named a next page on another site.', detail: url.origin });
  return url;
}
