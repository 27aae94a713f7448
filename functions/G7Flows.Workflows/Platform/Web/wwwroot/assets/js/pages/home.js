// The start page: where to go, according to who is signed in.
import { h } from '../dom.js';
import { hasRole, isStaff, reviewerRoles } from '../roles.js';

export const routes = [{ path: '/', title: 'G7Flows', signIn: false, render }];

function render({ caller }) {
  const cards = [];
  const card = (href, title, text) => cards.push(h('li', { class: 'card' }, h('h2', {}, h('a', { href }, title)), h('p', {}, text)));
  if (hasRole(caller, ...reviewerRoles)) card('#/inbox', 'Your inbox', 'The consultations and disclosure steps waiting for your answer, most urgent first.');
  if (isStaff(caller)) {
    card('#/consultations', 'Consultations', 'Start a consultation, follow the nations\' answers, extend or withdraw.');
    card('#/disclosures', 'Disclosures', 'Follow transparency disclosures through review, comment and publication; moderate comments.');
    card('#/reports', 'Reports', 'The periodic reports, and a report for a period on demand.');
  } else if (hasRole(caller, 'reviewer')) {
    card('#/consultations', 'Consultations', 'The consultations your nation takes part in.');
  }

  if (hasRole(caller, 'security-reviewer', 'human-rights-reviewer', 'approver', 'civil-society') && !isStaff(caller)) {
    card('#/disclosures', 'Disclosures', 'The disclosures you review or comment on.');
  }

  card('#/public', 'Published', 'Published disclosures and reports, open to everyone.');
  return [
    h('h1', {}, caller ? `Welcome, ${caller.name}` : 'G7Flows'),
    caller ? null : h('p', {}, 'Consultations and transparency disclosures among the G7 partners. Sign in to see the work that is yours.'),
    h('ul', { class: 'cards' }, cards),
  ];
}
