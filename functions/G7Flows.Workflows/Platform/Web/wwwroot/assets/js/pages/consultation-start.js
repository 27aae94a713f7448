// Staff start a consultation (#/consultations/new). The API validates; its problem details' messages appear next to
// the fields they name. The form only marks what is required.
import { h, checkedValues, choiceGroup, field, notice, replace, showFieldErrors } from '../dom.js';
import { post, describe } from '../api.js';
import { isStaff } from '../roles.js';
import { kinds, nations, newKey, rules } from './consultation-text.js';

export const route = { path: '/consultations/new', title: 'Start a consultation', render };

const units = [['M', 'minutes'], ['H', 'hours'], ['D', 'days']];
const reminderChoices = [['PT1H', '1 hour before'], ['P1D', '1 day before'], ['P3D', '3 days before']];

function render({ caller, navigate }) {
  const heading = h('h1', {}, 'Start a consultation');
  if (!isStaff(caller)) {
    return [heading, notice('error', 'Only staff start consultations. A nation\'s reviewers answer them from their inbox.')];
  }

  const title = h('input', { type: 'text', name: 'title', required: true, autocomplete: 'off' });
  const kind = h('select', { name: 'kind', required: true }, h('option', { value: '' }, 'Choose a kind'), kinds.map(([v, t]) => h('option', { value: v }, t)));
  const summary = h('textarea', { name: 'summary', rows: 8 });
  const proposer = h('select', { name: 'proposer', required: true }, h('option', { value: '' }, 'Choose the proposing nation'), nations.map(([v, t]) => h('option', { value: v }, `${t} (${v})`)));
  const participants = choiceGroup('Participants', 'participants', 'checkbox', nations.map(([v, t]) => [v, `${t} (${v})`]),
    { hint: 'The nations whose reviewers answer, the proposer among them.' });
  const rule = choiceGroup('Decision rule', 'rule', 'radio', rules, { required: true });
  const threshold = h('input', { type: 'number', name: 'threshold', step: 'any', inputmode: 'decimal' });
  const thresholdField = field('Threshold (share of participants who must approve)', threshold, 'For a qualified majority only; leave empty for two thirds. For example 0.75.');
  thresholdField.hidden = true;
  const amount = h('input', { type: 'number', name: 'responseWindow', required: true, min: 1, step: 1, value: 7, inputmode: 'numeric' });
  const unit = h('select', { name: 'responseWindowUnit' }, units.map(([v, t]) => h('option', { value: v, selected: v === 'D' }, t)));
  const reminders = choiceGroup('Reminders', 'reminders', 'checkbox', reminderChoices,
    { hint: 'Sent to the nations that have not answered yet. Without any, one goes an hour before the deadline.' });
  const result = h('div', { class: 'form-result' });
  const key = newKey();

  const form = h('form', { class: 'start-form', 'aria-label': 'The proposal' },
    field('Title', title),
    field('Kind', kind),
    field('Proposal text', summary, 'What the nations are asked to agree to. Plain text; line breaks are kept.'),
    field('Proposed by', proposer),
    participants,
    rule,
    thresholdField,
    h('div', { class: 'field-row' },
      field('Time to answer', amount, 'From the start to the deadline.'),
      field('Unit', unit)),
    reminders,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Start consultation'), h('a', { href: '#/consultations', class: 'button secondary' }, 'Cancel')),
    result);

  form.addEventListener('change', event => {
    if (event.target.name === 'rule') thresholdField.hidden = event.target.value !== 'qualified-majority';
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    showFieldErrors(form, {});
    replace(result);
    const chosenRule = checkedValues(form, 'rule')[0];
    const body = {
      title: title.value,
      kind: kind.value,
      summary: summary.value,
      proposer: proposer.value,
      participants: checkedValues(form, 'participants'),
      rule: chosenRule,
      threshold: chosenRule === 'qualified-majority' && threshold.value !== '' ? Number(threshold.value) : null,
      responseWindow: amount.value === '' ? '' : (unit.value === 'D' ? `P${amount.value}D` : `PT${amount.value}${unit.value}`),
      reminders: checkedValues(form, 'reminders'),
    };
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    const reply = await post('/api/consultations', body, { headers: { 'Idempotency-Key': key } });
    button.disabled = false;
    if (reply.status === 202) {
      navigate(`/consultations/${encodeURIComponent(reply.data.id)}?started=1`);
      return;
    }

    if (reply.status === 400) {
      const rest = showFieldErrors(form, reply.problem.errors);
      replace(result, notice('error', 'The consultation was not started: correct what is marked.', rest.length ? ' ' + rest.join(' ') : ''));
      return;
    }

    replace(result, notice('error', 'The consultation was not started. ', describe(reply.problem)));
  });

  return [heading, h('p', {}, 'The participants\' reviewers find it in their inbox as soon as it starts. G7Flows checks the proposal and says next to each field what to change.'), form];
}
