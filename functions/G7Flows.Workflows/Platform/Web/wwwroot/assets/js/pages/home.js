// The start page: where to go, according to who is signed in.
import { h } from '../dom.js';
import { isStaff, seesConsultations, seesDisclosures, seesInbox, seesReports } from '../roles.js';

export const routes = [{ path: '/', title: 'G7Flows', signIn: false, render }];

function render({ caller }) {
  const cards = [];
  const card = (href, title, text) => cards.push(h('li', { class: 'card' }, h('h2', {}, h('a', { href }, title)), h('p', {}, text)));
  const staff = isStaff(caller);
  if (seesInbox(caller)) card('#/inbox', 'Your inbox', 'The consultations and disclosure steps waiting for your answer, most urgent first.');
  if (seesConsultations(caller)) {
    card('#/consultations', 'Consultations', staff ? 'Start a consultation, follow the nations\' answers, extend or withdraw.' : 'The consultations your nation takes part in.');
  }

  if (seesDisclosures(caller)) {
    card('#/disclosures', 'Disclosures', staff ? 'Follow transparency disclosures through review, comment and publication; moderate comments.' : 'The disclosures you review or comment on.');
  }

  if (seesReports(caller)) card('#/reports', 'Reports', 'The periodic reports, and a report for a period on demand.');
  card('#/public', 'Published', 'Published disclosures and reports, open to everyone.');
  return [
    h('h1', {}, caller ? `Welcome, ${caller.name}` : 'G7Flows'),
    caller ? null : h('p', {}, 'Consultations and transparency disclosures among the G7 partners. Sign in to see the work that is yours.'),
    h('ul', { class: 'cards' }, cards),
  ];
}
