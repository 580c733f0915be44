// The status page: the provision's timeline, links, failure and ingress, kept current by polling;
// cancel; and in the sandbox, approve or reject through the GitHub simulator's API.
import { ApiError, cancelProvision, closePullRequest, getProvision, getSandbox, mergePullRequest, pullRequestNumber } from './api.js';
import { byId, externalLink, fill, h } from './dom.js';
import { duration, isTerminal, outcomeLabel, statusLabel, stepLabel, steps, timeElement, tone } from './format.js';
import { startPolling } from './poll.js';
import { initShell, showProblem } from './shell.js';

const id = new URLSearchParams(window.location.search).get('id');
const actionResult = byId('action-result');

/** @type {import('./api.js').Provision | null} */
let current = null;
/** @type {import('./api.js').Sandbox | null} */
let sandbox = null;
let poller = null;

initShell(start);
byId('cancel-button').addEventListener('click', () => {
  const dialog = /** @type {HTMLDialogElement} */ (byId('cancel-dialog'));
  // Escape closes without a value and leaves the last one: clear it so Escape never confirms.
  dialog.returnValue = '';
  dialog.showModal();
});
byId('cancel-dialog').addEventListener('close', (event) => {
  if (/** @type {HTMLDialogElement} */ (event.target).returnValue === 'confirm') cancel();
});
byId('approve-button').addEventListener('click', () => review('approve'));
byId('reject-button').addEventListener('click', () => review('reject'));
start();

async function start() {
  if (!id) {
    showProblem(byId('problem'), new ApiError(400, { title: 'No provision to show.', detail: 'The address names no provision (…/provision.html?id=prv-…). Open one from Recent provisions.' }));
    byId('status').textContent = '';
    return;
  }

  poller?.stop();
  sandbox = await getSandbox().catch(() => null);
  poller = startPolling({
    load: async () => {
      const { provision, retryAfterMs } = await getProvision(id);
      return { value: provision, retryAfterMs };
    },
    fingerprint: (provision) => JSON.stringify(provision),
    onValue: (provision, changed) => {
      byId('problem').hidden = true;
      if (changed) render(provision);
    },
    onError: (error, retryInMs) => {
      if (error instanceof ApiError && (error.status === 404 || error.status === 401 || error.status === 400)) {
        showProblem(byId('problem'), error);
        byId('status').textContent = error.status === 404 ? 'Not found' : 'Not available';
        return false;
      }
      note(`${error.message} Trying again in ${Math.ceil(retryInMs / 1000)} s.`, retryInMs);
      return true;
    },
    isDone: (provision) => isTerminal(provision.status),
    onWait: (ms) => note(`Updated ${new Date().toLocaleTimeString()}; this page follows the provision by itself (next look in ${Math.ceil(ms / 1000)} s).`, ms),
  });
}

/** @param {import('./api.js').Provision} provision */
function render(provision) {
  const statusChanged = current?.status !== provision.status;
  current = provision;
  document.title = `${provision.domain} · ${statusLabel(provision.status)} · Provisioner`;
  byId('title').textContent = provision.domain;
  if (statusChanged) {
    // The live region speaks only when the status moves, not on every look.
    fill(byId('status'), 'Status: ', h('span', { class: `badge tone-${tone(provision.status)}`, text: statusLabel(provision.status) }));
  }

  renderFacts(provision);
  renderLinks(provision);
  renderSandbox(provision);
  renderFailure(provision.failure);
  renderTimeline(provision);
  renderIngress(provision.ingress);
  show(byId('cancel-area'), Boolean(provision.links.cancel));
  if (isTerminal(provision.status)) {
    note('This is where the provision ended; the page no longer refreshes.', null);
  }
  byId('provision').hidden = false;
}

function renderFacts(provision) {
  fill(byId('facts'),
    fact('Provision', h('code', { text: provision.provision_id }), 'wide'),
    fact('Template', `${provision.template_id} (${provision.app_type})`),
    fact('Requested', timeElement(provision.created_at)),
    fact('Last change', timeElement(provision.last_updated_at)),
    provision.pull_request_opened_via && fact('Pull request opened via', provision.pull_request_opened_via === 'mcp' ? 'GitHub MCP server' : 'GitHub REST API'));
}

function fact(term, value, className) {
  return h('div', { class: className }, h('dt', { text: term }), h('dd', {}, value));
}

function renderLinks(provision) {
  const { pr_url: pr, build_url: build, live_url: live } = provision.links;
  const sandboxSite = sandbox?.ingress?.url_template && provision.status === 'Completed'
    ? sandbox.ingress.url_template.replace('{domain}', provision.domain)
    : null;
  const items = [
    pr && h('li', {}, externalLink(pr, `Pull request #${pullRequestNumber(pr) ?? ''}`.replace(/ #$/, ''))),
    build && h('li', {}, externalLink(build, 'Jenkins build')),
    live && h('li', {}, externalLink(live, `Live site: ${live}`)),
    sandboxSite && h('li', {}, externalLink(sandboxSite, 'Open in the sandbox')),
  ].filter(Boolean);
  fill(byId('link-list'), items);
  show(byId('links'), items.length > 0);
}

function renderSandbox(provision) {
  const number = pullRequestNumber(provision.links.pr_url);
  const reviewable = Boolean(sandbox?.github) && provision.status === 'AwaitingApproval' && number !== null;
  if (reviewable) {
    for (const button of [byId('approve-button'), byId('reject-button')]) button.disabled = false;
  }
  show(byId('sandbox'), reviewable);
}

/** @param {'approve' | 'reject'} action */
async function review(action) {
  const number = pullRequestNumber(current?.links.pr_url);
  if (!sandbox?.github || number === null) return;
  for (const button of [byId('approve-button'), byId('reject-button')]) button.disabled = true;
  try {
    if (action === 'approve') {
      const merged = await mergePullRequest(sandbox.github, number);
      say(`You merged pull request #${number} as DevOps (commit ${String(merged.sha).slice(0, 7)}); GitHub's webhook told Provisioner.`);
    } else {
      await closePullRequest(sandbox.github, number);
      say(`You closed pull request #${number} without merging it; GitHub's webhook told Provisioner.`);
    }
  } catch (error) {
    say(`${action === 'approve' ? 'Merging' : 'Closing'} pull request #${number} failed: ${error.message}`);
    for (const button of [byId('approve-button'), byId('reject-button')]) button.disabled = false;
  }
  poller?.now();
}

async function cancel() {
  byId('cancel-button').disabled = true;
  try {
    await cancelProvision(id);
    say('You cancelled the provision: Provisioner stops it and closes its pull request.');
  } catch (error) {
    showProblem(byId('problem'), error);
    byId('cancel-button').disabled = false;
  }
  poller?.now();
}

/** The quiet line under the page saying when it looks again (not a live region: it changes on every look). */
function note(text, nextLookMs) {
  const line = byId('refresh-note');
  line.textContent = text;
  if (nextLookMs === null) line.removeAttribute('data-next-look-ms');
  else line.dataset.nextLookMs = String(nextLookMs);
}

function say(text) {
  actionResult.textContent = text;
}

/** @param {import('./api.js').Failure | undefined} failure */
function renderFailure(failure) {
  show(byId('failure'), Boolean(failure));
  if (!failure) return;
  const evidence = failure.evidence ?? {};
  fill(byId('failure-body'),
    h('dl', { class: 'pairs' },
      h('dt', { text: 'Step' }), h('dd', { 'data-testid': 'failure-step', text: stepLabel(failure.step) }),
      h('dt', { text: 'Cause' }), h('dd', { 'data-testid': 'failure-cause', text: failure.cause }),
      h('dt', { text: 'What to do' }), h('dd', { 'data-testid': 'failure-remedy', text: failure.remedy })),
    evidenceView(evidence));
}

/** @param {import('./api.js').Evidence} evidence */
function evidenceView(evidence) {
  const parts = [
    (evidence.build_url || evidence.result) && h('p', {},
      'Build: ', evidence.build_url ? externalLink(evidence.build_url, evidence.build_url) : 'not started',
      evidence.result && [' ended ', h('strong', { text: evidence.result })]),
    evidence.console_tail?.length > 0 && h('details', { open: true },
      h('summary', { text: `Console output (last ${evidence.console_tail.length} lines)` }),
      h('pre', { class: 'console', tabindex: '0', 'aria-label': 'Console output' }, h('code', { text: evidence.console_tail.join('\n') }))),
    evidence.pods?.length > 0 && table('Pods', ['Pod', 'Phase', 'Container', 'Reason', 'Message', 'Restarts'],
      evidence.pods.map((pod) => [pod.name, pod.phase, pod.container, pod.reason, pod.message, pod.restart_count])),
    evidence.events?.length > 0 && table('Events', ['Object', 'Reason', 'Message', 'Count', 'Last seen'],
      evidence.events.map((event) => [event.object, event.reason, event.message, event.count, event.last_seen ? timeElement(event.last_seen) : null])),
  ].filter(Boolean);
  return parts.length > 0 && [h('h3', { text: 'Evidence' }), parts];
}

/** A table that turns into one card per row on phones (each cell then says its column). */
function table(caption, headings, rows) {
  return h('table', { class: 'cards' },
    h('caption', { text: caption }),
    h('thead', {}, h('tr', {}, headings.map((heading) => h('th', { scope: 'col', text: heading })))),
    h('tbody', {}, rows.map((row) => h('tr', {}, row.map((cell, i) => h('td', { 'data-label': headings[i] }, cell ?? ''))))));
}

/** @param {import('./api.js').Provision} provision */
function renderTimeline(provision) {
  const ended = isTerminal(provision.status);
  fill(byId('timeline'), steps.map(({ name }) => {
    const step = name === 'live' ? liveStep(provision) : provision.timeline.find((s) => s.name === name);
    const outcome = step?.outcome ?? (ended ? 'NotReached' : 'Waiting');
    return h('li', { class: `step tone-${tone(outcome)}`, 'data-step': name, 'data-outcome': outcome },
      h('div', { class: 'step-head' },
        h('span', { class: 'step-name', text: stepLabel(name) }),
        h('span', { class: `badge tone-${tone(outcome)}`, text: outcomeLabel(outcome) })),
      step?.started_at && h('p', { class: 'step-times' },
        name === 'live' ? 'Live since ' : 'Started ', timeElement(step.started_at, { timeOnly: true }),
        step.ended_at && [', ended ', timeElement(step.ended_at, { sameDayAs: step.started_at }), ` (${duration(step.started_at, step.ended_at)})`]),
      step?.detail && h('p', { class: 'step-detail', text: step.detail }),
      name === 'live' && provision.links.live_url && h('p', {}, externalLink(provision.links.live_url, provision.links.live_url)));
  }));
}

/** "Live" is not an API step: it is reached when the provision completes. */
function liveStep(provision) {
  if (provision.status !== 'Completed') return null;
  const ingress = provision.timeline.find((s) => s.name === 'ingress');
  const at = ingress?.ended_at ?? provision.last_updated_at;
  return { name: 'live', outcome: 'Succeeded', started_at: at, ended_at: null, detail: provision.ingress?.probe?.detail ?? null };
}

/** @param {import('./api.js').Ingress | undefined} ingress */
function renderIngress(ingress) {
  show(byId('ingress'), Boolean(ingress));
  if (!ingress) return;
  const probe = ingress.probe;
  const pairs = [
    ['Name', ingress.name],
    ['Address', ingress.address ?? 'none yet'],
    probe && ['Answers', probe.reachable === undefined ? 'unknown' : (probe.reachable ? `yes${probe.status_code ? ` (HTTP ${probe.status_code})` : ''}` : 'no')],
    probe && probe.dns_resolves !== undefined && ['DNS resolves', probe.dns_resolves ? 'yes' : 'no'],
    probe?.detail && ['Probe', probe.detail],
  ].filter((pair) => pair && pair[1] !== undefined && pair[1] !== null);
  fill(byId('ingress-body'), pairs.map(([term, value]) => [h('dt', { text: term }), h('dd', { text: String(value) })]));
}

/** Shows or hides a section; focus inside a section that hides moves to the action note, not to nowhere. */
function show(section, visible) {
  if (!visible && !section.hidden && section.contains(document.activeElement)) actionResult.focus();
  section.hidden = !visible;
}
