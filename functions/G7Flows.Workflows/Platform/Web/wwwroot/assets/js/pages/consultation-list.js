// The list of consultations for staff (#/consultations?status=Open&nation=FR): filtered and paged by the API
// (GET /api/consultations, newest first, with its continuation token).
import { h, field, notice } from '../dom.js';
import { get, describe } from '../api.js';
import { hasRole, isStaff } from '../roles.js';
import { isOverdue, timeElement } from '../format.js';
import { kindName, nationName, nations, ruleName, statusBadge, statuses } from './consultation-text.js';

export const route = { path: '/consultations', title: 'Consultations', render };

const sizes = ['5', '20', '50'];

async function render({ caller, query, navigate }) {
  const heading = h('h1', {}, 'Consultations');
  if (!isStaff(caller)) {
    return [
      heading,
      h('p', {}, 'The list of all consultations is kept for staff.'),
      hasRole(caller, 'reviewer') && caller.nation
        ? h('p', {}, `The consultations waiting for ${nationName(caller.nation)}'s answer are in `, h('a', { href: '#/inbox' }, 'your inbox'), '; each links to its page, which stays readable after it closes.')
        : null,
    ];
  }

  const status = query.get('status') ?? '';
  const nation = query.get('nation') ?? '';
  const token = query.get('page') ?? '';
  const size = sizes.includes(query.get('size')) ? query.get('size') : '20';
  const params = new URLSearchParams({ pageSize: size });
  if (status) params.set('status', status);
  if (nation) params.set('nation', nation);
  if (token) params.set('continuationToken', token);
  const reply = await get(`/api/consultations?${params}`);

  const filters = filterForm(status, nation, size, navigate);
  const top = [heading, h('div', { class: 'actions' }, h('a', { href: '#/consultations/new', class: 'button' }, 'Start a consultation')), filters];
  if (!reply.ok) {
    return [...top, notice('error', 'The consultations could not be listed. ', describe(reply.problem))];
  }

  const items = reply.data.items ?? [];
  const filtered = [status && `status ${status}`, nation && `with ${nationName(nation)}`].filter(Boolean).join(', ');
  const counting = h('p', { role: 'status', class: 'list-count' },
    items.length === 0
      ? (token ? 'No more consultations.' : `No consultations${filtered ? ' match these filters' : ' yet'}.`)
      : `${items.length} ${items.length === 1 ? 'consultation' : 'consultations'}${filtered ? ` (${filtered})` : ''}${token ? ' on this page' : ''}, newest first.`);

  const paging = [];
  if (token) paging.push(h('a', { href: listHref(status, nation, size, ''), class: 'button secondary' }, 'First page'));
  if (reply.data.continuationToken) paging.push(h('a', { href: listHref(status, nation, size, reply.data.continuationToken), class: 'button secondary' }, 'Next page'));

  return [
    ...top,
    counting,
    items.length ? table(items) : null,
    paging.length ? h('nav', { class: 'actions', 'aria-label': 'Pages of consultations' }, paging) : null,
  ];
}

function listHref(status, nation, size, token) {
  const q = new URLSearchParams();
  if (status) q.set('status', status);
  if (nation) q.set('nation', nation);
  if (size && size !== '20') q.set('size', size);
  if (token) q.set('page', token);
  const text = q.toString();
  return '#/consultations' + (text ? '?' + text : '');
}

function filterForm(status, nation, size, navigate) {
  const statusSelect = h('select', { name: 'status' },
    h('option', { value: '' }, 'Any status'),
    statuses.map(s => h('option', { value: s, selected: s === status }, s)));
  const nationSelect = h('select', { name: 'nation' },
    h('option', { value: '' }, 'Any participant'),
    nations.map(([code, name]) => h('option', { value: code, selected: code === nation }, `${name} (${code})`)));
  const sizeSelect = h('select', { name: 'size' }, sizes.map(n => h('option', { value: n, selected: n === size }, n)));
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter consultations' },
    field('Status', statusSelect),
    field('Participant', nationSelect),
    field('Per page', sizeSelect),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Filter')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    navigate(listHref(statusSelect.value, nationSelect.value, sizeSelect.value, '').slice(1));
  });
  return form;
}

function table(items) {
  const now = new Date();
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'stack' },
      h('caption', { class: 'list-caption' }, 'Consultations, newest first'),
      h('thead', {}, h('tr', {}, ['Title', 'Kind', 'Rule', 'Status', 'Participants', 'Deadline'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, items.map(c => h('tr', {},
        h('th', { scope: 'row', 'data-label': 'Title' }, h('a', { href: `#/consultations/${encodeURIComponent(c.id)}` }, c.title)),
        h('td', { 'data-label': 'Kind' }, kindName(c.kind)),
        h('td', { 'data-label': 'Rule' }, ruleName(c.rule)),
        h('td', { 'data-label': 'Status' }, statusBadge(c.status)),
        h('td', { 'data-label': 'Participants' }, (c.participants ?? []).join(', ')),
        h('td', { 'data-label': 'Deadline' }, c.status === 'Open' && isOverdue(c.deadline, now) ? h('span', { class: 'overdue' }, 'Passed: ') : null, timeElement(c.deadline)))))));
}
