// Reports (staff): the published periodic reports with links to their public renderings, and a report for a period on
// demand.
import { h, field, showFieldErrors, notice } from '../dom.js';
import { get, post, describe } from '../api.js';
import { timeElement, utc } from '../format.js';
import { isStaff } from '../roles.js';
import { localHref } from './disclosure-text.js';

export const routes = [{ path: '/reports', title: 'Reports', render }];

const FORMATS = [['html', 'Page'], ['csv', 'CSV'], ['json', 'JSON']];

/** The links to a report's renderings. */
function reportLinks(period, links) {
  return FORMATS.filter(([f]) => localHref(links?.[f])).map(([f, label], i) => [i ? ' · ' : '', h('a', { href: links[f], 'aria-label': `${label} of the report for ${period}` }, label)]);
}

/** The table of published reports (also used by the public page). */
export function reportsTable(items, caption) {
  if (!items.length) return h('p', {}, 'No report has been published yet.');
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ['Period', 'Published', 'Read it'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, items.map(r => h('tr', {},
      h('th', { scope: 'row' }, r.period),
      h('td', {}, timeElement(r.generatedAt)),
      h('td', {}, reportLinks(r.period, r.links)))))));
}

async function render({ caller }) {
  if (!isStaff(caller)) return [h('h1', {}, 'Reports'), notice('warn', 'Only staff request reports. The published ones are on the ', h('a', { href: '#/public' }, 'published page'), '.')];
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { novalidate: true },
    field('Period', h('input', { type: 'text', name: 'period', id: 'report-period', autocomplete: 'off', placeholder: '2026-10' }),
      'A month (2026-10) or a quarter (2026-Q3) that has ended.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Make the report')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const period = form.elements.period.value.trim();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    const reply = await post('/api/reports', { period });
    button.disabled = false;
    showFieldErrors(form, reply.status === 400 ? reply.problem.errors : {});
    if (reply.status === 202) {
      result.replaceChildren(notice('ok', `The report for ${reply.data.period} is being made. It is published in a minute or two at these addresses: `, reportLinks(reply.data.period, reply.data.links), '. Asking again does not make a second one.'));
    } else if (reply.status === 200) {
      result.replaceChildren(notice('ok', `The report for ${reply.data.period} is published already: `, reportLinks(reply.data.period, reply.data.links), '.'));
    } else if (reply.status === 409) {
      const ends = reply.problem.periodEnds;
      result.replaceChildren(notice('warn', `${period} has not ended yet${ends ? ` (it ends ${utc(ends)})` : ''}; its report can be made from then on. Nothing was started.`));
    } else if (reply.status === 400) {
      result.replaceChildren(notice('error', 'No report was started: correct the period.'));
    } else {
      result.replaceChildren(notice('error', describe(reply.problem)));
    }
  });

  const index = await get('/api/public/reports');
  return [
    h('h1', {}, 'Reports'),
    h('section', { class: 'panel', 'aria-labelledby': 'request-heading' }, h('h2', { id: 'request-heading' }, 'Make a report for a period'),
      h('p', {}, 'Reports are made every month by the schedule; ask here for a period that is missing. One report is made per period.'), result, form),
    h('h2', {}, 'Published reports'),
    index.ok ? reportsTable(index.data.items, 'Published reports, newest period first') : notice('error', describe(index.problem)),
  ];
}
