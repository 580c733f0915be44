// The request form: domain, app type, template; submit, preview, and the API's errors at their fields.
import { ApiError, listTemplates, previewProvision, startProvision } from './api.js';
import { byId, fill, h } from './dom.js';
import { initShell, showProblem, statusPageUrl } from './shell.js';

const form = /** @type {HTMLFormElement} */ (byId('request-form'));
const templateSelect = /** @type {HTMLSelectElement} */ (byId('template_id'));
const summary = byId('summary');
const fields = ['domain', 'app_type', 'template_id'];

/** @type {import('./api.js').Template[]} */
let templates = [];

initShell(loadTemplates);
form.addEventListener('change', (event) => {
  if (event.target.name === 'app_type') showTemplates();
  if (event.target === templateSelect) showTemplateDetails();
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  submit();
});
byId('preview-button').addEventListener('click', preview);
loadTemplates();

async function loadTemplates() {
  try {
    templates = await listTemplates();
    summary.hidden = true;
    showTemplates();
  } catch (error) {
    fill(templateSelect, h('option', { value: '', text: 'Templates could not be loaded' }));
    showProblem(summary, error);
  }
}

function appType() {
  return /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="app_type"]:checked'))?.value ?? '';
}

function showTemplates() {
  const chosen = templateSelect.value;
  const matching = templates.filter((template) => template.app_type === appType());
  fill(templateSelect, matching.length === 0
    ? h('option', { value: '', text: `No ${appType()} templates` })
    : matching.map((template) => h('option', { value: template.id, selected: template.id === chosen, text: `${template.name} (${template.id})` })));
  templateSelect.disabled = matching.length === 0;
  showTemplateDetails();
}

function showTemplateDetails() {
  const template = templates.find((t) => t.id === templateSelect.value);
  fill(byId('template-details'), template && [
    h('p', { text: template.description }),
    template.parameters.length > 0 && h('div', { class: 'parameters' },
      h('p', { class: 'hint', text: 'Parameters (the provision uses their defaults):' }),
      h('dl', {}, template.parameters.map((parameter) => [
        h('dt', {}, h('code', { text: parameter.name })),
        h('dd', {}, parameter.description, parameter.default != null && [' Default: ', h('code', { text: parameter.default })]),
      ]))),
  ]);
}

function request() {
  return {
    domain: /** @type {HTMLInputElement} */ (byId('domain')).value,
    app_type: appType(),
    template_id: templateSelect.value,
  };
}

async function submit() {
  const button = /** @type {HTMLButtonElement} */ (byId('submit-button'));
  clearErrors();
  button.disabled = true;
  button.textContent = 'Provisioning…';
  try {
    const accepted = await startProvision(request());
    window.location.assign(statusPageUrl(accepted.provision_id));
  } catch (error) {
    showErrors(error);
    button.disabled = false;
    button.textContent = 'Provision';
  }
}

async function preview() {
  const section = byId('preview');
  clearErrors();
  try {
    const result = await previewProvision(request());
    fill(byId('preview-body'), previewView(result));
    section.hidden = false;
    byId('preview-heading').focus();
  } catch (error) {
    section.hidden = true;
    showErrors(error);
  }
}

/** @param {import('./api.js').Preview} preview */
function previewView(preview) {
  const folder = commonFolder(preview.files.map((file) => file.path));
  return [
    h('p', {}, `Nothing was started. The pull request for `, h('strong', { text: preview.domain }),
      ` would hold ${preview.files.length} files on a branch like `, h('code', { text: preview.branch }), '.'),
    h('h3', {}, 'Files in the pull request', folder && [' (in ', h('code', { text: folder }), ')']),
    h('ul', { class: 'files' }, preview.files.map((file) =>
      h('li', {}, h('details', {},
        h('summary', {}, h('code', { text: file.path.slice(folder.length) }), h('span', { class: 'hint', text: ` ${lineCount(file.content)}` })),
        h('pre', { tabindex: '0', 'aria-label': `Content of ${file.path}` }, h('code', { text: file.content })))))),
    h('h3', { text: 'Jenkins build parameters' }),
    h('dl', { class: 'pairs' }, Object.entries(preview.build_parameters).map(([name, value]) => [
      h('dt', {}, h('code', { text: name })), h('dd', {}, h('code', { text: value || '(set at build time)' })),
    ])),
    h('h3', { text: 'Ingress' }),
    h('pre', { tabindex: '0', 'aria-label': 'Ingress manifest' }, h('code', { text: preview.ingress_manifest })),
  ];
}

/** The folder every path is in (e.g. "sites/shop.example.com/"), or "" when they share none. */
function commonFolder(paths) {
  if (paths.length === 0) return '';
  let folder = paths[0].slice(0, paths[0].lastIndexOf('/') + 1);
  while (folder && !paths.every((path) => path.startsWith(folder))) {
    folder = folder.slice(0, folder.lastIndexOf('/', folder.length - 2) + 1);
  }
  return folder;
}

function lineCount(text) {
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  return lines === 1 ? '1 line' : `${lines} lines`;
}

function clearErrors() {
  summary.hidden = true;
  for (const field of fields) {
    const message = byId(`${field}-error`);
    message.hidden = true;
    message.replaceChildren();
    for (const control of controlsOf(field)) control.removeAttribute('aria-invalid');
    byId(`${field}-field`).classList.remove('invalid');
  }
}

/** Field errors go to their fields (the first invalid one takes focus); everything else to the summary. */
function showErrors(error) {
  const errors = error instanceof ApiError && error.status === 400 ? (error.problem.errors ?? []) : [];
  const atFields = errors.filter((e) => fields.includes(e.field));
  for (const fieldError of atFields) {
    const message = byId(`${fieldError.field}-error`);
    message.append(h('span', { class: 'error-item' },
      h('strong', {}, h('span', { class: 'visually-hidden', text: 'Error: ' }), fieldError.message), fieldError.fix && ` ${fieldError.fix}`));
    message.hidden = false;
    for (const control of controlsOf(fieldError.field)) control.setAttribute('aria-invalid', 'true');
    byId(`${fieldError.field}-field`).classList.add('invalid');
  }

  const rest = errors.filter((e) => !fields.includes(e.field));
  if (atFields.length === 0 || rest.length > 0) {
    // Only what no field shows goes to the summary.
    showProblem(summary, atFields.length > 0 ? new ApiError(error.status, { ...error.problem, errors: rest }) : error);
    summary.focus();
  } else {
    controlsOf(atFields[0].field)[0]?.focus();
  }
}

/** @returns {HTMLElement[]} */
function controlsOf(field) {
  return Array.from(form.querySelectorAll(`[name="${field}"]`));
}
