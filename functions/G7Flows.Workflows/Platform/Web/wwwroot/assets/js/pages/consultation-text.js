// Words for the consultation pages: the names people read for the API's codes, and the decision rules in one sentence
// each (as DOMAIN.md defines them). The API decides; these only describe.
import { h } from '../dom.js';

/** The participants, in the API's order, with their names. */
export const nations = [
  ['CA', 'Canada'], ['FR', 'France'], ['DE', 'Germany'], ['IT', 'Italy'],
  ['JP', 'Japan'], ['GB', 'United Kingdom'], ['US', 'United States'], ['EU', 'European Union'],
];

const nationNames = new Map(nations);

/** "France" for "FR"; an unknown code as it is. */
export function nationName(code) {
  return nationNames.get(code) ?? String(code ?? '');
}

export const kinds = [
  ['joint-exercise', 'Joint exercise'],
  ['information-sharing', 'Information sharing'],
  ['mutual-defence', 'Mutual-defence consultation'],
  ['policy-coordination', 'Policy coordination'],
];

const kindNames = new Map(kinds);

/** A consultation kind, or any other code made readable ("defence-policy" as "Defence policy"). */
export function kindName(code) {
  return kindNames.get(code) ?? readable(code);
}

/** "arms-transfer-summary" as "Arms transfer summary". */
export function readable(code) {
  const text = String(code ?? '').replace(/[-_]+/g, ' ').trim();
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}

export const rules = [
  ['unanimity', 'Unanimity', 'Adopted when every participant approves or abstains; one objection rejects it; silence at the deadline lets it expire.'],
  ['silence', 'Silence procedure', 'Silence counts as assent: adopted at the deadline unless someone objects; one objection breaks silence and rejects it.'],
  ['qualified-majority', 'Qualified majority', 'Adopted when approvals reach the threshold (two thirds of the participants unless set); an abstention counts as not approving.'],
];

/** The rule's name. */
export function ruleName(code) {
  return rules.find(r => r[0] === code)?.[1] ?? readable(code);
}

/** The decision rule of one consultation, explained in one sentence. */
export function ruleSentence(c) {
  const count = c.participants?.length ?? 0;
  switch (c.rule) {
    case 'unanimity':
      return `Unanimity: adopted when all ${count} participants approve or abstain; a single objection rejects it, and if anyone is still silent at the deadline it expires.`;
    case 'silence':
      return 'Silence procedure: silence counts as assent, so it is adopted at the deadline unless someone objects; a single objection breaks silence and rejects it.';
    case 'qualified-majority': {
      const share = typeof c.threshold === 'number' ? ` (a threshold of ${Math.round(c.threshold * 1000) / 10} %)` : '';
      const required = c.requiredApprovals ?? '?';
      return `Qualified majority: adopted once ${required} of the ${count} participants approve${share}; an abstention counts as not approving, and it is rejected as soon as that many approvals can no longer be reached.`;
    }
    default:
      return `Decided by the rule "${c.rule}".`;
  }
}

export const positions = [
  ['approve', 'Approve', 'Your nation agrees to the proposal.'],
  ['object', 'Object', 'Your nation opposes the proposal.'],
  ['abstain', 'Abstain', 'Your nation neither approves nor objects.'],
];

/** "Approve" for "approve", "No answer yet" for "pending". */
export function positionName(code) {
  if (code === 'pending') return 'No answer yet';
  return positions.find(p => p[0] === code)?.[1] ?? readable(code);
}

/** The statuses of the listing's filter, as the API names them. */
export const statuses = ['Open', 'Adopted', 'Rejected', 'Expired', 'Withdrawn', 'Failed'];

/** A status as a badge whose words carry the meaning (the colour only repeats it). */
export function statusBadge(status) {
  const kind = { Adopted: 'ok', Open: '', Rejected: 'bad', Failed: 'bad', Expired: 'warn', Withdrawn: 'warn' }[status] ?? '';
  return h('span', { class: `badge${kind ? ' badge-' + kind : ''}` }, String(status ?? ''));
}

/** A random key for a form's Idempotency-Key, so a retried submission is the same request. */
export function newKey() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
}
