// What every page shares: the function-key dialog and how API problems read.
import { ApiError, forgetFunctionKey, functionKey, setFunctionKey } from './api.js';
import { byId, fill, h } from './dom.js';

const keyListeners = [];

/** Sets up the header's function-key button and dialog; `onKeyChanged` runs after the user saves or forgets a key. */
export function initShell(onKeyChanged) {
  if (onKeyChanged) keyListeners.push(onKeyChanged);
  const button = byId('key-button');
  button.hidden = !functionKey();
  button.addEventListener('click', openKeyDialog);
}

/** Opens the dialog where the user gives the Functions key. */
export function openKeyDialog() {
  const dialog = keyDialog();
  const input = byId('function-key');
  input.value = functionKey() ?? '';
  // Escape closes without a value and leaves the last one: clear it so Escape never repeats a choice.
  dialog.returnValue = '';
  dialog.showModal();
  input.focus();
}

function keyDialog() {
  const existing = document.getElementById('key-dialog');
  if (existing) return existing;

  const dialog = h('dialog', { id: 'key-dialog', 'aria-labelledby': 'key-dialog-title', 'aria-describedby': 'key-dialog-help' },
    h('form', { method: 'dialog', class: 'stack' },
      h('h2', { id: 'key-dialog-title', text: 'Function key' }),
      h('p', { id: 'key-dialog-help' },
        'On the Azure Functions host every API call needs a function key. It stays in this browser tab only ',
        'and is sent as the ', h('code', { text: 'x-functions-key' }), ' header, never in an address.'),
      h('div', { class: 'field' },
        h('label', { for: 'function-key', text: 'Function key' }),
        h('input', { id: 'function-key', name: 'function-key', type: 'password', autocomplete: 'off', spellcheck: 'false' })),
      h('div', { class: 'actions' },
        h('button', { class: 'primary', value: 'save', text: 'Use this key' }),
        h('button', { value: 'forget', text: 'Forget the key' }),
        h('button', { value: 'close', text: 'Close' }))));
  dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'save') setFunctionKey(byId('function-key').value);
    else if (dialog.returnValue === 'forget') forgetFunctionKey();
    else return;
    byId('function-key').value = '';
    byId('key-button').hidden = !functionKey();
    keyListeners.forEach((listener) => listener());
  });
  document.body.append(dialog);
  return dialog;
}

/** How to get past a 401: where the key comes from, and a button to give it. */
export function keyHelp() {
  return h('div', { class: 'stack' },
    h('p', {},
      'The API needs a function key. Ask your platform team for it, or read it with ',
      h('code', { text: 'az functionapp keys list -g <resource-group> -n <function-app> --query functionKeys.default -o tsv' }),
      ' (Azure portal: the function app, then App keys).'),
    h('p', {}, h('button', { type: 'button', class: 'primary', 'data-action': 'give-key', text: 'Enter the function key' })));
}

/**
 * Shows a failed call in a summary box: the problem's title and detail, its field errors, what to do next.
 * @param {HTMLElement} box an element with role="alert" (or in a live region)
 * @param {unknown} error
 */
export function showProblem(box, error) {
  const problem = error instanceof ApiError ? error.problem : { title: 'Something went wrong in this page.', detail: String(error) };
  const status = error instanceof ApiError ? error.status : 0;
  const errors = problem.errors ?? [];
  fill(box,
    h('h2', { text: problem.title ?? 'The request failed.' }),
    problem.detail && h('p', { text: problem.detail }),
    errors.length > 0 && h('ul', {}, errors.map((e) => h('li', {}, h('strong', { text: `${e.field}: ` }), e.message, e.fix && ` ${e.fix}`))),
    status === 409 && problem.provision_id && h('p', {}, h('a', { href: statusPageUrl(problem.provision_id), text: `Follow provision ${problem.provision_id}` })),
    status === 401 && keyHelp());
  box.querySelector('[data-action="give-key"]')?.addEventListener('click', openKeyDialog);
  box.hidden = false;
}

/** The status page of a provision. */
export function statusPageUrl(id) {
  return `provision.html?id=${encodeURIComponent(id)}`;
}
