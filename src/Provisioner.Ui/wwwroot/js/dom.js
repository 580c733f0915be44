// DOM building with text only: no HTML strings anywhere (the policy's Trusted Types forbid them).

/**
 * Creates an element. Props: `class`, `text`, `hidden`, and any other attribute by name (false/null/undefined skip it).
 * Children: nodes or strings (as text), nested arrays, and null/false (skipped).
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = value;
    else if (name === 'hidden') element.hidden = Boolean(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : String(child));
  }
}

/** The element with this id; throws when the page lacks it (a defect, better loud). */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no element #${id}.`);
  return element;
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A link that opens outside the app, without sending this page as referrer; only http(s) addresses become links. */
export function externalLink(href, text) {
  const url = URL.canParse(href) ? new URL(href) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return h('span', { text: `${text} (${href})` });
  return h('a', { href: url.href, rel: 'noopener noreferrer', target: '_blank' }, text, h('span', { class: 'visually-hidden', text: ' (opens in a new tab)' }));
}
