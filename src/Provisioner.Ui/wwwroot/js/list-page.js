// Recent provisions, newest first, with status and domain filters (kept in the address, so a filtered list can be shared).
import { listProvisions } from './api.js';
import { byId, fill, h } from './dom.js';
import { statusLabel, statuses, timeElement, tone } from './format.js';
import { initShell, showProblem, statusPageUrl } from './shell.js';

const query = new URLSearchParams(window.location.search);
const filter = { status: query.get('status') ?? '', domain: query.get('domain') ?? '' };
const statusSelect = /** @type {HTMLSelectElement} */ (byId('filter-status'));
const moreButton = /** @type {HTMLButtonElement} */ (byId('more-button'));

let next = null;
let shown = 0;

statusSelect.append(...statuses.map((status) => h('option', { value: status, selected: status === filter.status, text: statusLabel(status) })));
/** @type {HTMLInputElement} */ (byId('filter-domain')).value = filter.domain;
initShell(() => load(false));
moreButton.addEventListener('click', () => load(true));
load(false);

async function load(more) {
  moreButton.disabled = true;
  try {
    const page = await listProvisions(more ? { next } : filter);
    if (!more) {
      byId('rows').replaceChildren();
      shown = 0;
    }
    byId('rows').append(...page.provisions.map(row));
    shown += page.provisions.length;
    next = page.next;
    byId('problem').hidden = true;
    byId('table-area').hidden = shown === 0;
    moreButton.hidden = !next;
    fill(byId('count'), countText());
  } catch (error) {
    showProblem(byId('problem'), error);
  } finally {
    moreButton.disabled = false;
  }
}

function countText() {
  const filtered = filter.status || filter.domain;
  if (shown === 0) {
    return filtered ? 'No provision matches these filters.' : ['No provisions yet. ', h('a', { href: './', text: 'Request one' }), '.'];
  }
  const noun = shown === 1 ? 'provision' : 'provisions';
  return `${next ? 'Showing the latest' : 'Showing'} ${shown} ${noun}${filtered ? ' that match the filters' : ''}.`;
}

/** @param {import('./api.js').ProvisionSummary} provision */
function row(provision) {
  return h('tr', {},
    h('td', { 'data-label': 'Domain' }, h('a', { href: statusPageUrl(provision.provision_id), text: provision.domain })),
    h('td', { 'data-label': 'Status' }, h('span', { class: `badge tone-${tone(provision.status)}`, text: statusLabel(provision.status) })),
    h('td', { 'data-label': 'Template', text: provision.template_id }),
    h('td', { 'data-label': 'Requested' }, timeElement(provision.created_at)),
    h('td', { 'data-label': 'Last change' }, timeElement(provision.last_updated_at)));
}
