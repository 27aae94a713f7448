// One consultation (#/consultations/:id): the proposal, its rule in a sentence, every nation's position as the API
// shows it to the caller, the outcome; the answer form for the caller's own nation (with a confirmation step); and
// for staff, extending the deadline and withdrawing.
import { h, choiceGroup, field, notice, replace, showFieldErrors } from '../dom.js';
import { get, post, describe, problemType } from '../api.js';
import { hasRole, isStaff } from '../roles.js';
import { isOverdue, timeElement, utc } from '../format.js';
import {
  kindName, nationName, positionName, positions, ruleSentence, statusBadge,
} from './consultation-text.js';
import { manageSection } from './consultation-manage.js';

export const route = { path: '/consultations/:id', title: 'Consultation', render };

/** How long the page looks for the outcome after an answer or a withdrawal (the workflow closes within moments). */
const settleMs = 12000;

async function render(ctx) {
  const id = ctx.params.id;
  const reply = await load(id);
  if (!reply.ok) return refusal(reply);

  const page = h('div', { class: 'consultation' });
  const view = { id, ctx, page, data: reply.data, message: null };
  if (ctx.query.get('started') === '1') {
    view.message = notice('ok', `The consultation was started. The reviewers of ${reply.data.participants.map(nationName).join(', ')} now have it in their inbox.`);
  }

  draw(view);
  return page;
}

function load(id) {
  return get(`/api/consultations/${encodeURIComponent(id)}`);
}

function refusal(reply) {
  if (reply.status === 404) {
    return [h('h1', {}, 'Consultation not found'),
      notice('error', 'No consultation has this address. It may have been mistyped; the inbox and the list of consultations link to the ones you can see.')];
  }

  if (reply.status === 403) {
    return [h('h1', {}, 'Not your consultation'),
      notice('error', h('p', {}, 'You cannot see this consultation, and you cannot answer it.'), h('p', {}, reply.problem?.detail ?? '')),
      h('p', {}, h('a', { href: '#/inbox' }, 'Go to your inbox'), ' for the consultations that are yours.')];
  }

  return [h('h1', {}, 'Consultation'), notice('error', describe(reply.problem))];
}

/** (Re)draws the page from view.data, keeping view.message (the last action's result) at the top of its section. */
function draw(view) {
  const c = view.data;
  const { caller } = view.ctx;
  const open = c.status === 'Open';
  const mine = caller?.nation && hasRole(caller, 'reviewer') && c.participants.includes(caller.nation) ? caller.nation : null;
  const sections = [
    h('h1', {}, c.title),
    h('p', { class: 'consultation-status' }, 'Status: ', statusBadge(c.status),
      open && isOverdue(c.deadline) ? ' The deadline has passed; the consultation is closing.' : null),
    view.message,
    facts(c),
    h('h2', {}, 'Proposal'),
    c.summary ? h('div', { class: 'document proposal-text' }, c.summary) : h('p', { class: 'muted' }, 'The proposal has no text beyond its title.'),
    h('h2', {}, 'Decision rule'),
    h('p', { class: 'rule-sentence' }, ruleSentence(c)),
    outcome(c),
    h('h2', {}, 'Positions'),
    positionList(c),
  ];

  if (mine) sections.push(answerSection(view, mine));
  if (isStaff(caller)) sections.push(manageSection(view, c, (message, wait) => settle(view, message, wait)));
  sections.push(h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'secondary', onclick: () => settle(view, null, 0) }, 'Refresh'),
    isStaff(caller) ? h('a', { href: '#/consultations', class: 'button secondary' }, 'All consultations') : h('a', { href: '#/inbox', class: 'button secondary' }, 'Your inbox')));
  replace(view.page, sections);
}

function facts(c) {
  const row = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];
  return h('dl', { class: 'facts' },
    row('Kind', kindName(c.kind)),
    row('Proposed by', nationName(c.proposer)),
    row('Started by', c.createdBy, ', ', timeElement(c.createdAt)),
    row('Deadline', timeElement(c.deadline), c.extensions ? ` (extended ${c.extensions === 1 ? 'once' : c.extensions + ' times'})` : ''),
    row('Participants', c.participants.map(nationName).join(', ')));
}

function outcome(c) {
  if (!c.outcome) return null;
  const kind = { Adopted: 'ok', Rejected: 'error', Failed: 'error' }[c.outcome.status] ?? 'warn';
  return [
    h('h2', {}, 'Outcome'),
    h('div', { class: `notice notice-${kind === 'error' ? 'error' : kind} outcome` },
      h('p', {}, h('strong', {}, c.outcome.status), ': ', c.outcome.reason),
      h('p', {}, 'Closed ', timeElement(c.outcome.closedAt), c.outcome.closedBy ? ` by ${c.outcome.closedBy}` : '', '.'),
      c.record ? h('p', {}, 'The consultation record is published.') : null),
  ];
}

function positionList(c) {
  return h('ul', { class: 'positions', 'aria-label': 'Positions of the participants' }, c.positions.map(p => {
    const answered = p.position !== 'pending';
    const flags = [];
    if (p.late) flags.push('arrived after the deadline');
    if (p.counted === false) flags.push('not counted');
    const badge = { approve: 'ok', object: 'bad', abstain: 'warn' }[p.position];
    return h('li', { class: 'position' },
      h('h3', {}, nationName(p.nation), ' ', h('span', { class: 'muted' }, `(${p.nation})`)),
      h('p', {}, h('span', { class: badge ? `badge badge-${badge}` : 'badge' }, positionName(p.position)),
        flags.length ? ` (${flags.join(', ')})` : ''),
      answered ? h('p', { class: 'muted' }, 'By ', p.respondent ?? 'unknown', p.respondedAt ? [', ', timeElement(p.respondedAt)] : null) : null,
      p.comment ? h('blockquote', { class: 'comment' }, p.comment) : null);
  }));
}

/** The caller's nation's answer: the form while open and unanswered, else what was answered. */
function answerSection(view, nation) {
  const c = view.data;
  const own = c.positions.find(p => p.nation === nation);
  const section = h('section', { class: 'panel answer', 'aria-labelledby': 'answer-heading' },
    h('h2', { id: 'answer-heading' }, `Your answer for ${nationName(nation)}`));
  if (own && own.position !== 'pending') {
    section.append(h('p', {}, `${nationName(nation)} answered: ${positionName(own.position).toLowerCase()}, `, timeElement(own.respondedAt),
      own.respondent ? ` by ${own.respondent}` : '', '. A nation answers once.'));
    return section;
  }

  if (c.status !== 'Open') {
    section.append(h('p', {}, `The consultation is closed (${c.status}); answers are no longer taken.`));
    return section;
  }

  if (isOverdue(c.deadline)) {
    section.append(h('p', {}, `The deadline (${utc(c.deadline)}) has passed; answers are no longer taken. The outcome follows from the answers given before it.`));
    return section;
  }

  section.append(answerForm(view, nation));
  return section;
}

function answerForm(view, nation) {
  const comment = h('textarea', { name: 'comment', rows: 4 });
  const choice = choiceGroup(`${nationName(nation)}'s position`, 'position', 'radio', positions, { required: true });
  const edit = h('div', { class: 'step-edit' },
    h('p', {}, `Answer for ${nationName(nation)} before the deadline, ${utc(view.data.deadline)}. A nation answers once: check before you confirm.`),
    choice,
    field('Comment (optional)', comment, 'Say why, for the record: the other participants and the published record show it.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Review answer')));
  const summary = h('div', { class: 'confirm-summary' });
  const confirmButton = h('button', { type: 'button' }, 'Confirm');
  const back = h('button', { type: 'button', class: 'secondary' }, 'Back');
  const confirm = h('div', { class: 'step-confirm', hidden: true },
    h('h3', { tabindex: '-1' }, 'Confirm your answer'),
    summary,
    h('p', {}, 'It is sent only when you choose Confirm; it cannot be changed afterwards.'),
    h('div', { class: 'actions' }, confirmButton, back));
  const result = h('div', { class: 'answer-result' });
  const form = h('form', { 'aria-label': `Answer for ${nationName(nation)}` }, edit, confirm, result);

  const chosen = () => form.querySelector('input[name="position"]:checked')?.value;
  form.addEventListener('submit', event => {
    event.preventDefault();
    showFieldErrors(form, {});
    replace(result);
    const text = comment.value.trim();
    replace(summary,
      h('p', {}, `You answer for ${nationName(nation)}: `, h('strong', {}, positionName(chosen()))),
      text ? [h('p', {}, 'With the comment:'), h('blockquote', { class: 'comment' }, text)] : h('p', {}, 'Without a comment.'));
    edit.hidden = true;
    confirm.hidden = false;
    confirm.querySelector('h3').focus();
  });
  back.addEventListener('click', () => {
    confirm.hidden = true;
    edit.hidden = false;
    form.querySelector('input[name="position"]:checked')?.focus();
  });
  confirmButton.addEventListener('click', async () => {
    confirmButton.disabled = true;
    back.disabled = true;
    const position = chosen();
    const reply = await post(`/api/consultations/${encodeURIComponent(view.id)}/responses/${encodeURIComponent(nation)}`,
      { position, comment: comment.value.trim() || null });
    confirmButton.disabled = false;
    back.disabled = false;
    if (reply.status === 202) {
      await settle(view, notice('ok', h('p', {}, `Your answer (${positionName(position).toLowerCase()}) was recorded and counts toward the outcome.`)));
      return;
    }

    if (reply.status === 400) {
      confirm.hidden = true;
      edit.hidden = false;
      const rest = showFieldErrors(form, reply.problem.errors);
      replace(result, notice('error', 'The answer was not sent: correct what is marked and try again.', rest.length ? ' ' + rest.join(' ') : ''));
      return;
    }

    await settle(view, answerRefusal(reply, nation, position), 0);
  });
  return form;
}

/** What a refused answer means, in plain words. */
function answerRefusal(reply, nation, position) {
  const type = problemType(reply.problem);
  if (reply.status === 409 && type === 'already-answered') {
    return notice('error', h('p', {}, `${nationName(nation)} already answered this consultation; your answer (${positionName(position).toLowerCase()}) was not recorded.`),
      h('p', {}, 'What was answered is shown below. A nation answers once.'));
  }

  if (reply.status === 409 && type === 'consultation-closed') {
    return notice('error', h('p', {}, 'The consultation closed before your answer arrived; it was not counted.'),
      h('p', {}, reply.problem.detail ?? ''));
  }

  if (reply.status === 403) {
    return notice('error', h('p', {}, `You may not answer for ${nationName(nation)}; nothing was recorded.`), h('p', {}, reply.problem?.detail ?? ''));
  }

  if (reply.status === 404) {
    return notice('error', 'This consultation no longer exists; nothing was recorded.');
  }

  if (reply.status === 401) {
    return notice('error', 'Your sign-in has ended; nothing was recorded. Sign in again and send your answer.');
  }

  return notice('error', h('p', {}, 'Your answer was not recorded. ', describe(reply.problem)), h('p', {}, 'Try again in a moment.'));
}

/**
 * Reads the consultation again and redraws the page with `message` on top. While it is still open it looks again for
 * a few seconds (an answer that decides the outcome, or a withdrawal, closes it within moments) and redraws once it
 * has closed.
 */
async function settle(view, message, waitMs = settleMs) {
  view.message = message;
  let reply = await load(view.id);
  if (reply.ok) view.data = reply.data;
  draw(view);
  focusMessage(view);
  const until = Date.now() + waitMs;
  while (reply.ok && view.data.status === 'Open' && Date.now() < until) {
    await new Promise(resolve => setTimeout(resolve, 1000));
    if (!view.page.isConnected) return;
    reply = await load(view.id);
    if (reply.ok && reply.data.status !== 'Open') {
      view.data = reply.data;
      draw(view);
      focusMessage(view);
    }
  }
}

function focusMessage(view) {
  if (!view.message || !view.page.isConnected) return;
  if (!view.message.hasAttribute('tabindex')) view.message.setAttribute('tabindex', '-1');
  if (document.activeElement !== view.message) view.message.focus();
}
