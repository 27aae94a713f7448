// What everyone may read, signed in or not: the published disclosures and reports, linking to their public pages.
import { h, notice } from '../dom.js';
import { get, describe } from '../api.js';
import { timeElement } from '../format.js';
import { reportsTable } from './reports.js';
import { disclosureKindName, localHref } from './disclosure-text.js';

export const routes = [{ path: '/public', title: 'Published', signIn: false, render }];

async function render({ query }) {
  const page = query.get('page');
  const [disclosures, reports] = await Promise.all([
    get('/api/public/disclosures?pageSize=20' + (page ? '&continuationToken=' + encodeURIComponent(page) : '')),
    get('/api/public/reports'),
  ]);
  const content = [
    h('h1', {}, 'Published disclosures and reports'),
    h('p', {}, 'Everything here is public: the disclosures the G7 partners released after review and public comment, and the periodic reports. ',
      h('a', { href: '/api/public/disclosures/feed.atom' }, 'Subscribe to new disclosures (Atom feed)'), '.'),
    h('h2', {}, 'Disclosures'),
  ];
  if (!disclosures.ok) {
    content.push(notice('error', describe(disclosures.problem)));
  } else if (disclosures.data.items.length === 0) {
    content.push(h('p', {}, 'No disclosure has been published yet.'));
  } else {
    content.push(h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', {}, 'Published disclosures, newest first'),
      h('thead', {}, h('tr', {}, ['Title', 'Nation', 'Kind', 'Published'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, disclosures.data.items.map(d => h('tr', {},
        h('td', {}, localHref(d.url) ? h('a', { href: localHref(d.url) }, d.title) : d.title),
        h('td', {}, d.nation),
        h('td', {}, disclosureKindName(d.kind)),
        h('td', {}, timeElement(d.publishedAt))))))));
    if (disclosures.data.continuationToken) {
      content.push(h('p', {}, h('a', { href: '#/public?page=' + encodeURIComponent(disclosures.data.continuationToken) }, 'Older disclosures')));
    }
  }

  content.push(h('h2', {}, 'Reports'));
  content.push(reports.ok ? reportsTable(reports.data.items, 'Published reports, newest period first') : notice('error', describe(reports.problem)));
  return content;
}
