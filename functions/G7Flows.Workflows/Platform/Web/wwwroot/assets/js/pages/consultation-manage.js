// Staff's actions on one open consultation: extend its deadline, withdraw it (with a reason and a confirmation).
import { h, field, notice, replace, showFieldErrors } from '../dom.js';
import { post, describe, problemType } from '../api.js';
import { utc } from '../format.js';

/**
 * The "Manage" section of a consultation's page for staff. `done(message)` reads the consultation again and shows the
 * message (a notice) on top of the page.
 */
export function manageSection(view, c, done) {
  const section = h('section', { class: 'panel manage', 'aria-labelledby': 'manage-heading' }, h('h2', { id: 'manage-heading' }, 'Manage'));
  if (c.status !== 'Open') {
    section.append(h('p', {}, `The consultation is closed (${c.status}): it can no longer be extended or withdrawn.`));
    return section;
  }

  section.append(extendForm(view, c, done), withdrawForm(view, c, done));
  return section;
}

/** "2026-12-01T12:00" (a datetime-local value, read as UTC) for a time. */
function localValue(date) {
  return new Date(date).toISOString().slice(0, 16);
}

function extendForm(view, c, done) {
  const proposed = new Date(Math.max(new Date(c.deadline).getTime(), Date.now()) + 24 * 3600 * 1000);
  const until = h('input', { type: 'datetime-local', name: 'until', required: true, step: 60, value: localValue(proposed) });
  const result = h('div', { class: 'form-result' });
  const form = h('form', { 'aria-labelledby': 'extend-heading' },
    h('h3', { id: 'extend-heading' }, 'Extend the deadline'),
    field('New deadline (UTC)', until, `Now ${utc(c.deadline)}. Give a later time, at most 90 days from now.`),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Extend deadline')),
    result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    showFieldErrors(form, {});
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    const value = until.value.length === 16 ? until.value + ':00Z' : until.value + 'Z';
    const reply = await post(`/api/consultations/${encodeURIComponent(view.id)}/extend`, { until: value });
    button.disabled = false;
    if (reply.status === 202) {
      await done(notice('ok', `The deadline was extended to ${utc(reply.data.deadline)}. Reminders are planned again for the new deadline.`), 0);
      return;
    }

    if (reply.status === 400) {
      const rest = showFieldErrors(form, reply.problem.errors);
      replace(result, notice('error', 'The deadline was not changed: correct what is marked.', rest.length ? ' ' + rest.join(' ') : ''));
      return;
    }

    replace(result, notice('error', refusal(reply, 'The deadline was not changed.')));
  });
  return form;
}

function withdrawForm(view, c, done) {
  const reason = h('textarea', { name: 'reason', rows: 3, required: true });
  const result = h('div', { class: 'form-result' });
  const edit = h('div', {},
    field('Reason for withdrawing', reason, 'Recorded in the audit trail and the consultation record.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, 'Withdraw…')));
  const confirmButton = h('button', { type: 'button', class: 'danger' }, 'Confirm withdrawal');
  const back = h('button', { type: 'button', class: 'secondary' }, 'Keep the consultation');
  const summary = h('div', {});
  const confirm = h('div', { hidden: true },
    h('p', { tabindex: '-1', class: 'confirm-question' }, h('strong', {}, 'Withdraw this consultation?')),
    summary,
    h('p', {}, 'The answers given so far will decide nothing, and a withdrawal cannot be undone.'),
    h('div', { class: 'actions' }, confirmButton, back));
  const form = h('form', { 'aria-labelledby': 'withdraw-heading' }, h('h3', { id: 'withdraw-heading' }, 'Withdraw'), edit, confirm, result);

  form.addEventListener('submit', event => {
    event.preventDefault();
    showFieldErrors(form, {});
    replace(result);
    replace(summary, h('p', {}, `"${c.title}" will be withdrawn with the reason:`), h('blockquote', { class: 'comment' }, reason.value.trim()));
    edit.hidden = true;
    confirm.hidden = false;
    confirm.querySelector('.confirm-question').focus();
  });
  back.addEventListener('click', () => {
    confirm.hidden = true;
    edit.hidden = false;
    reason.focus();
  });
  confirmButton.addEventListener('click', async () => {
    confirmButton.disabled = true;
    back.disabled = true;
    const reply = await post(`/api/consultations/${encodeURIComponent(view.id)}/withdraw`, { reason: reason.value.trim() });
    confirmButton.disabled = false;
    back.disabled = false;
    if (reply.status === 202) {
      await done(notice('ok', 'The withdrawal was accepted: the nations can no longer answer, and the record will be published once it is withdrawn.'));
      return;
    }

    confirm.hidden = true;
    edit.hidden = false;
    if (reply.status === 400) {
      const rest = showFieldErrors(form, reply.problem.errors);
      replace(result, notice('error', 'Nothing was withdrawn: correct what is marked.', rest.length ? ' ' + rest.join(' ') : ''));
      return;
    }

    replace(result, notice('error', refusal(reply, 'Nothing was withdrawn.')));
  });
  return form;
}

function refusal(reply, what) {
  const type = problemType(reply.problem);
  if (reply.status === 409 && type === 'consultation-closed') return `${what} The consultation has closed meanwhile. Refresh to see its outcome.`;
  if (reply.status === 409 && type === 'deadline-passed') return `${what} The deadline has passed and the consultation is closing.`;
  if (reply.status === 403) return `${what} Only staff may do this. ${reply.problem?.detail ?? ''}`;
  return `${what} ${describe(reply.problem)}`;
}
