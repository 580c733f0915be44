// How wire values read to people.

const statusLabels = {
  Pending: 'Pending',
  CreatingPullRequest: 'Creating pull request',
  AwaitingApproval: 'Awaiting approval',
  Building: 'Building',
  Deploying: 'Deploying',
  ConfiguringIngress: 'Configuring ingress',
  Completed: 'Completed',
  Failed: 'Failed',
  Rejected: 'Rejected',
  ApprovalExpired: 'Approval expired',
  Cancelled: 'Cancelled',
};

/** Every status, in pipeline order. */
export const statuses = Object.keys(statusLabels);

const terminal = new Set(['Completed', 'Failed', 'Rejected', 'ApprovalExpired', 'Cancelled']);

export function statusLabel(status) {
  return statusLabels[status] ?? status;
}

export function isTerminal(status) {
  return terminal.has(status);
}

/** The badge tone of a status or step outcome: active, waiting, good, bad or neutral. */
export function tone(value) {
  switch (value) {
    case 'Completed': case 'Succeeded': return 'good';
    case 'Failed': return 'bad';
    case 'AwaitingApproval': return 'waiting';
    case 'Rejected': case 'ApprovalExpired': case 'Expired': case 'Cancelled': case 'NotReached': return 'neutral';
    case 'Waiting': return 'idle';
    default: return 'active';
  }
}

/** The pipeline's steps in order, with their labels; "live" is the end the ingress step leads to. */
export const steps = [
  { name: 'pull_request', label: 'Pull request' },
  { name: 'approval', label: 'Approval' },
  { name: 'build', label: 'Build' },
  { name: 'rollout', label: 'Rollout' },
  { name: 'ingress', label: 'Ingress' },
  { name: 'live', label: 'Live' },
];

export function stepLabel(name) {
  return steps.find((step) => step.name === name)?.label ?? name;
}

const outcomeLabels = { Running: 'Running', Succeeded: 'Succeeded', Failed: 'Failed', Rejected: 'Rejected', Expired: 'Expired', Cancelled: 'Cancelled', Waiting: 'Waiting', NotReached: 'Not reached' };

export function outcomeLabel(outcome) {
  return outcomeLabels[outcome] ?? outcome;
}

const localDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const localTime = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/**
 * A UTC instant from the API as a <time> in local time, with UTC in its title (shown on hover).
 * `timeOnly` drops the date when it is today's, `sameDayAs` when it is that instant's day.
 */
export function timeElement(iso, { timeOnly = false, sameDayAs = null } = {}) {
  const date = new Date(iso);
  const element = document.createElement('time');
  if (Number.isNaN(date.getTime())) {
    element.textContent = iso;
    return element;
  }
  element.dateTime = date.toISOString();
  element.title = `${date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')} UTC`;
  const dateIsKnown = (timeOnly && isSameLocalDay(date, new Date())) || (sameDayAs && isSameLocalDay(date, new Date(sameDayAs)));
  element.textContent = (dateIsKnown ? localTime : localDateTime).format(date);
  return element;
}

function isSameLocalDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** A duration between two instants, e.g. "4 s", "2 min 5 s", "1 h 3 min". */
export function duration(fromIso, toIso) {
  const seconds = Math.max(0, Math.round((new Date(toIso) - new Date(fromIso)) / 1000));
  // No-break spaces: a duration never wraps between number and unit.
  if (seconds < 60) return `${seconds}\u00a0s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}\u00a0min ${seconds % 60}\u00a0s`;
  return `${Math.floor(minutes / 60)}\u00a0h ${minutes % 60}\u00a0min`;
}
