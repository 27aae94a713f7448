// The inbox: the caller's open tasks across consultations and disclosures (GET /api/tasks), most urgent first.
import { h, notice } from '../dom.js';
import { get, describe } from '../api.js';
import { isOverdue, timeElement } from '../format.js';
import { kindName, nationName, readable, ruleName } from './consultation-text.js';
import { STEPS } from './disclosure-text.js';

export const routes = [{ path: '/inbox', title: 'Inbox', render }];

async function render({ caller }) {
  const reply = await get('/api/tasks');
  const heading = h('h1', {}, 'Your inbox');
  if (!reply.ok) {
    const text = reply.status === 403
      ? 'You have no inbox: tasks go to reviewers and approvers (with their nation where their role needs one). ' + (reply.problem?.detail ?? '')
      : describe(reply.problem);
    return [heading, notice('error', text)];
  }

  const now = new Date();
  // The API sends them soonest due first, so overdue tasks come first of all.
  const items = reply.data.items;
  const overdue = items.filter(t => isOverdue(t.due, now)).length;
  const nation = reply.data.nation ?? caller?.nation;
  if (items.length === 0) {
    return [
      heading,
      notice('info', h('p', {}, 'Nothing is waiting for you.'),
        h('p', {}, nation
          ? `New consultations for ${nationName(nation)} and review steps that are yours appear here as soon as they start.`
          : 'Review steps that are yours appear here as soon as they start.')),
    ];
  }

  const summary = `${items.length} open ${items.length === 1 ? 'task' : 'tasks'}` + (overdue ? `, ${overdue} overdue` : '') + ', most urgent first.';
  return [
    heading,
    h('p', { class: 'inbox-summary' }, summary),
    h('ul', { class: 'tasks', 'aria-label': 'Open tasks' }, items.map(task => taskItem(task, now, nation))),
  ];
}

function taskItem(task, now, nation) {
  const late = isOverdue(task.due, now);
  const consultation = task.workflow === 'consultation';
  // "#/consultations/…", "#/disclosures/…": the workflow's pages.
  const href = `#/${encodeURIComponent(task.workflow)}s/${encodeURIComponent(task.id)}`;
  const what = consultation
    ? `Consultation · ${kindName(task.kind)} · ${ruleName(task.rule)}`
    : `Disclosure · ${kindName(task.kind)} · ${STEPS[task.step] ?? readable(task.step)}`;
  const todo = consultation
    ? `Answer for ${nationName(nation)}: approve, object or abstain.`
    : `${STEPS[task.step] ?? readable(task.step)}: ${task.step === 'final' ? 'approve or reject' : 'approve, request changes or reject'}.`;
  return h('li', { class: 'task' + (late ? ' is-overdue' : '') },
    h('h2', {}, h('a', { href }, task.title)),
    h('p', { class: 'muted task-what' }, what),
    h('p', { class: 'task-due' },
      late ? h('span', { class: 'badge badge-bad' }, 'Overdue') : null,
      late ? ' ' : null,
      h('span', { class: late ? 'overdue' : '' }, timeElement(task.due, 'Due '))),
    h('p', { class: 'task-todo' }, todo));
}
