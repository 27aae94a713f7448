// Building the page. Every string, above all every string from the API, goes in as text (a Text node or an
// attribute value); nothing here ever parses a string as HTML.

/**
 * Creates an element: h('a', { href: '#/inbox', class: 'button' }, 'Inbox').
 * Props: `class`, `text`, `on<Event>` (a function), boolean attributes given true/false, any other attribute as
 * a string; children: nodes, strings (as text), numbers, null/false (skipped) or arrays of these.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') element.textContent = String(value);
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

/** Appends children (nodes, strings as text, arrays) to a parent. */
function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces a parent's children. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A labelled form field: h('label') + control, with a slot for its error message (aria-describedby). */
export function field(label, control, hint) {
  const id = control.id || (control.id = 'f-' + Math.random().toString(36).slice(2, 9));
  const error = h('p', { class: 'field-error', id: id + '-error', hidden: true });
  const hintNode = hint ? h('p', { class: 'hint', id: id + '-hint' }, hint) : null;
  control.setAttribute('aria-describedby', [hintNode ? id + '-hint' : null, id + '-error'].filter(Boolean).join(' '));
  return h('div', { class: 'field', 'data-field': control.name || id }, h('label', { for: id }, label), hintNode, control, error);
}

/** Shows a problem's field errors (RFC 9457 `errors`) next to the form's fields; returns the messages with no field. */
export function showFieldErrors(form, errors) {
  for (const node of form.querySelectorAll('.field-error')) { node.hidden = true; node.textContent = ''; }
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  const unplaced = [];
  let first = null;
  for (const [name, messages] of Object.entries(errors ?? {})) {
    const key = name.replace(/^\$\./, '').split(/[.[]/)[0];
    const control = form.querySelector(`[name="${CSS.escape(key)}"]`);
    const slot = control && form.querySelector(`#${CSS.escape(control.id)}-error`);
    if (slot) {
      slot.textContent = [].concat(messages).join(' ');
      slot.hidden = false;
      control.setAttribute('aria-invalid', 'true');
      first ??= control;
    } else {
      unplaced.push(...[].concat(messages).map(m => `${name}: ${m}`));
    }
  }
  first?.focus();
  return unplaced;
}

/** A status message region (role=status, or alert for errors). */
export function notice(kind, ...children) {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...children);
}

/**
 * A group of radio buttons or checkboxes in a fieldset with its legend, with one error slot for the group (the one
 * `showFieldErrors` fills for the group's `name`). Options are [value, label, description?].
 */
export function choiceGroup(legend, name, type, options, { hint, required, checked = [] } = {}) {
  const base = 'g-' + name + '-' + Math.random().toString(36).slice(2, 7);
  const errorId = base + '-0-error';
  const hintId = hint ? base + '-hint' : null;
  const items = options.map(([value, label, description], index) => {
    const id = `${base}-${index}`;
    const described = [description ? id + '-desc' : null, hintId, errorId].filter(Boolean).join(' ');
    const input = h('input', { type, id, name, value, required: required && type === 'radio', checked: checked.includes(value), 'aria-describedby': described });
    return h('div', { class: 'choice' },
      h('label', { for: id }, input, h('span', {}, label)),
      description ? h('p', { class: 'hint choice-hint', id: id + '-desc' }, description) : null);
  });
  return h('fieldset', { class: 'choices', 'data-field': name },
    h('legend', {}, legend),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    items,
    h('p', { class: 'field-error', id: errorId, hidden: true }));
}

/** The values checked in a group. */
export function checkedValues(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map(i => i.value);
}
