// Transparency disclosures: the list (staff: every disclosure, filtered; reviewers: the steps waiting for them), the
// submission form, and the review page (the text with its screening findings marked, the changes from the previous
// revision, the reviews and comments, and the forms of whoever acts next).
import { h, choiceGroup, field, showFieldErrors, notice } from '../dom.js';
import { get, post, describe, problemType } from '../api.js';
import { timeElement, isOverdue, utc, duration } from '../format.js';
import { hasRole, isStaff } from '../roles.js';
import {
  markFindings, renderDocument, findingLabel, diffView, statusBadge, stepName, localHref, STATUS_WORDS, DISCLOSURE_KINDS, disclosureKindName,
} from './disclosure-text.js';
import { nations } from './consultation-text.js';

export const routes = [
  { path: '/disclosures', title: 'Disclosures', render: renderList },
  { path: '/disclosures/new', title: 'Submit a disclosure', render: renderSubmit },
  { path: '/disclosures/:id', title: 'Disclosure', render: renderReview },
];

const NATIONS = nations.map(([code]) => code);
const STATUSES = Object.keys(STATUS_WORDS);
const CLOSED = ['Published', 'Rejected', 'Withdrawn'];

function dueCell(due) {
  if (!due) return '—';
  return isOverdue(due) ? h('span', { class: 'overdue' }, timeElement(due, 'Overdue: due ')) : timeElement(due, 'Due ');
}

// ---- The list -------------------------------------------------------------------------------------------------

async function renderList(ctx) {
  if (isStaff(ctx.caller)) return renderStaffList(ctx);
  if (hasRole(ctx.caller, 'security-reviewer', 'human-rights-reviewer', 'approver')) return renderReviewerList(ctx);
  return [
    h('h1', {}, 'Disclosures'),
    h('p', {}, 'Disclosures open for public comment are announced with a link to their page; open that link to read the text and comment.'),
    h('p', {}, 'Published disclosures are on the ', h('a', { href: '#/public' }, 'published page'), '.'),
  ];
}

function select(name, label, options, value) {
  const control = h('select', { name, id: 'filter-' + name },
    h('option', { value: '' }, 'Any'),
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
  return field(label, control);
}

async function renderStaffList({ query, navigate }) {
  const status = query.get('status') ?? '';
  const nation = query.get('nation') ?? '';
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (nation) params.set('nation', nation);
  if (query.get('page')) params.set('continuationToken', query.get('page'));
  params.set('pageSize', '20');
  const reply = await get('/api/disclosures?' + params);

  const form = h('form', { class: 'filters', 'aria-label': 'Filter disclosures' },
    select('status', 'Status', STATUSES.map(s => [s, STATUS_WORDS[s]]), status),
    select('nation', 'Nation', NATIONS.map(n => [n, n]), nation),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of ['status', 'nation']) if (form.elements[name].value) next.set(name, form.elements[name].value);
    navigate('/disclosures' + (next.size ? '?' + next : ''));
  });

  const content = [
    h('h1', {}, 'Disclosures'),
    h('p', { class: 'actions' }, h('a', { href: '#/disclosures/new', class: 'button' }, 'Submit a disclosure')),
    form,
  ];
  if (!reply.ok) {
    content.push(notice('error', describe(reply.problem)));
    return content;
  }

  const items = reply.data.items;
  content.push(h('p', { role: 'status' }, items.length === 0 ? 'No disclosure matches.' : `${items.length} disclosure${items.length === 1 ? '' : 's'} on this page, newest first.`));
  if (items.length) {
    content.push(h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', { class: 'visually-hidden' }, 'Disclosures, newest first'),
      h('thead', {}, h('tr', {}, ['Title', 'Nation', 'Kind', 'Status', 'Revision', 'Step due'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, items.map(d => h('tr', {},
        h('td', {}, h('a', { href: `#/disclosures/${encodeURIComponent(d.id)}` }, d.title)),
        h('td', {}, d.nation),
        h('td', {}, disclosureKindName(d.kind)),
        h('td', {}, statusBadge(d.status)),
        h('td', {}, String(d.revision)),
        h('td', {}, CLOSED.includes(d.status) ? '—' : dueCell(d.due))))))));
  }

  if (reply.data.continuationToken) {
    const next = new URLSearchParams();
    if (status) next.set('status', status);
    if (nation) next.set('nation', nation);
    next.set('page', reply.data.continuationToken);
    content.push(h('p', {}, h('a', { href: '#/disclosures?' + next }, 'Older disclosures')));
  }

  return content;
}

async function renderReviewerList({ query, navigate }) {
  const step = query.get('step') ?? '';
  const reply = await get('/api/tasks');
  const form = h('form', { class: 'filters', 'aria-label': 'Filter your review steps' },
    select('step', 'Review step', ['security', 'human-rights', 'final'].map(s => [s, stepName(s)]), step),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Show')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const value = form.elements.step.value;
    navigate('/disclosures' + (value ? '?step=' + encodeURIComponent(value) : ''));
  });

  const content = [h('h1', {}, 'Disclosures waiting for you'), form];
  if (!reply.ok) {
    content.push(notice('error', describe(reply.problem)));
    return content;
  }

  const tasks = reply.data.items.filter(t => t.workflow === 'disclosure' && (!step || t.step === step));
  content.push(h('p', { role: 'status' }, tasks.length === 0 ? 'No disclosure step is waiting for you.' : `${tasks.length} step${tasks.length === 1 ? '' : 's'} waiting for you, soonest due first.`));
  if (tasks.length) {
    content.push(h('ul', { class: 'tasks' }, tasks.map(t => h('li', { class: 'task' + (isOverdue(t.due) ? ' is-overdue' : '') },
      h('h2', {}, h('a', { href: `#/disclosures/${encodeURIComponent(t.id)}` }, t.title)),
      h('p', {}, `${stepName(t.step)} · ${disclosureKindName(t.kind)} · `, dueCell(t.due))))));
  }

  return content;
}

// ---- Submitting a disclosure ----------------------------------------------------------------------------------

function renderSubmit({ caller, navigate }) {
  if (!isStaff(caller)) return [h('h1', {}, 'Submit a disclosure'), notice('warn', 'Only staff submit disclosures.')];
  const result = h('div', { 'aria-live': 'polite' });
  const nation = h('select', { name: 'nation', id: 'submit-nation' }, NATIONS.map(n => h('option', { value: n }, n)));
  const kind = h('select', { name: 'kind', id: 'submit-kind' }, DISCLOSURE_KINDS.map(([v, t]) => h('option', { value: v }, t)));
  const form = h('form', { novalidate: true },
    field('Nation', nation, 'The participant that discloses the document.'),
    field('Kind', kind),
    field('Title', h('input', { name: 'title', id: 'submit-title', type: 'text', maxlength: '200', autocomplete: 'off' }), 'One line, up to 200 characters.'),
    field('Text', h('textarea', { name: 'body', id: 'submit-body', rows: '12' }), 'Markdown, without raw HTML. Screening looks for classification markings and personal data before anyone reviews it.'),
    field('Comment period', h('input', { name: 'commentPeriod', id: 'submit-period', type: 'text', value: 'P14D' }), 'How long civil society may comment, as an ISO-8601 duration: P14D is 14 days, PT2H two hours.'),
    field('Embargo until (UTC, optional)', h('input', { name: 'embargoUntil', id: 'submit-embargo', type: 'datetime-local' }), 'Not published before this time.'),
    field('Expenditure report (military expenditure only)', h('textarea', { name: 'expenditure', id: 'submit-expenditure', rows: '4' }),
      'JSON: {"year":2025,"currency":"EUR","gdp":…,"amounts":{"personnel":{"land":…}}}. Leave empty for other kinds.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Submit for screening')));

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    const body = { nation: values.nation, kind: values.kind, title: values.title, body: values.body, commentPeriod: values.commentPeriod };
    if (values.embargoUntil) body.embargoUntil = values.embargoUntil + (values.embargoUntil.length === 16 ? ':00Z' : 'Z');
    if (values.expenditure.trim()) {
      try {
        body.expenditure = JSON.parse(values.expenditure);
      } catch {
        showFieldErrors(form, { expenditure: ['This is not JSON; check the braces and quotes.'] });
        return;
      }
    }

    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    const reply = await post('/api/disclosures', body);
    button.disabled = false;
    if (reply.status === 202) {
      navigate(`/disclosures/${encodeURIComponent(reply.data.id)}?submitted=1`);
      return;
    }

    const unplaced = reply.status === 400 ? showFieldErrors(form, reply.problem.errors) : [];
    result.replaceChildren(notice('error',
      reply.status === 400 ? 'The disclosure was not submitted: correct the fields marked below.' : describe(reply.problem),
      unplaced.length ? h('ul', {}, unplaced.map(m => h('li', {}, m))) : null));
  });

  return [h('h1', {}, 'Submit a disclosure'), result, form];
}

// ---- The review page ------------------------------------------------------------------------------------------

/** The review step the caller answers on this disclosure now, or null. */
function stepFor(caller, d) {
  const step = d.currentStep;
  if (!step || !caller) return null;
  if (step === 'security' && hasRole(caller, 'security-reviewer') && caller.nation === d.nation) return step;
  if (step === 'human-rights' && hasRole(caller, 'human-rights-reviewer')) return step;
  if (step === 'final' && hasRole(caller, 'approver') && caller.nation === d.nation) return step;
  return null;
}

const DECISIONS = {
  approve: 'Approve',
  'request-changes': 'Request changes',
  reject: 'Reject',
};

async function renderReview(ctx) {
  const { params, caller, query } = ctx;
  const id = params.id;
  const reply = await get(`/api/disclosures/${encodeURIComponent(id)}`);
  if (!reply.ok) {
    const words = {
      403: 'You may not read this disclosure: it belongs to another nation, or (for civil society) it is not in its comment period.',
      404: 'There is no disclosure with this address.',
    };
    return [h('h1', {}, 'Disclosure'), notice('error', words[reply.status] ?? describe(reply.problem))];
  }

  const d = reply.data;
  const content = [h('h1', {}, d.title)];
  if (query.get('submitted')) content.push(notice('ok', 'The disclosure was submitted and is being screened. Refresh in a moment to see the findings.'));
  if (ctx.flash) content.push(ctx.flash);
  content.push(facts(d));
  content.push(statusNotice(d));

  const step = stepFor(caller, d);
  if (step) content.push(answerSection(ctx, d, step));
  if (isStaff(caller) && d.status === 'ChangesRequested') content.push(reviseSection(ctx, d));

  content.push(textSection(d));
  content.push(await diffSection(d));
  content.push(revisionsSection(d));
  content.push(reviewsSection(d));
  content.push(commentsSection(ctx, d));
  if (hasRole(caller, 'civil-society') && d.status === 'PublicComment') content.push(commentForm(ctx, d));
  if (isStaff(caller) && !CLOSED.includes(d.status)) content.push(withdrawSection(ctx, d));
  return content;
}

function facts(d) {
  const rows = [
    ['Nation', d.nation],
    ['Kind', disclosureKindName(d.kind)],
    ['Status', statusBadge(d.status)],
    ['Revision', `${d.revision}${d.changeRequests ? ` (changes requested ${d.changeRequests} time${d.changeRequests === 1 ? '' : 's'})` : ''}`],
    d.currentStep ? ['Waiting for', stepName(d.currentStep)] : null,
    d.due && !CLOSED.includes(d.status) ? ['Step due', dueCell(d.due)] : null,
    ['Submitted', [d.createdBy, ', ', timeElement(d.createdAt)]],
    d.commentPeriodEnds ? ['Comment period ends', timeElement(d.commentPeriodEnds)] : ['Comment period', duration(d.commentPeriod)],
    d.embargoUntil ? ['Embargo until', utc(d.embargoUntil)] : null,
    localHref(d.publicAddress) ? ['Public page', h('a', { href: localHref(d.publicAddress) }, 'Read the published disclosure')] : null,
  ].filter(Boolean);
  return h('dl', { class: 'facts' }, rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

function statusNotice(d) {
  const reason = d.outcomeReason ? [' ', d.outcomeReason] : [];
  switch (d.status) {
    case 'Screening': return notice('info', 'Screening is checking this revision for classification markings and personal data.');
    case 'ChangesRequested': return notice('warn', 'Changes are requested: staff submit a revised text, which is screened and reviewed again from the security review.', ...reason);
    case 'PublicComment': return notice('info', 'Civil society may comment until the period ends; staff moderate each comment.');
    case 'FinalApproval': return d.pendingComments
      ? notice('warn', `${d.pendingComments} comment${d.pendingComments === 1 ? ' awaits' : 's await'} moderation; final approval can be given once staff have moderated them.`)
      : notice('info', 'Waiting for the final approval of the nation\'s approver.');
    case 'Published': return notice('ok', 'Published.');
    case 'Rejected': return notice('error', 'Rejected: it will not be published.', ...reason);
    case 'Withdrawn': return notice('warn', 'Withdrawn by staff.', ...reason);
    default: return d.failure ? notice('error', `A step failed: ${d.failure.reason ?? 'unknown reason'}.`) : null;
  }
}

// ---- Answering the step ---------------------------------------------------------------------------------------

function answerSection(ctx, d, step) {
  const decisions = step === 'final' ? ['approve', 'reject'] : ['approve', 'request-changes', 'reject'];
  const result = h('div', { 'aria-live': 'polite' });
  const section = h('section', { class: 'panel', 'aria-labelledby': 'answer-heading' }, h('h2', { id: 'answer-heading' }, `Your answer: ${stepName(step)}`), result);
  const comment = h('textarea', { name: 'comment', id: 'answer-comment', rows: '4', maxlength: '5000' });
  const form = h('form', { novalidate: true },
    choiceGroup(`Your decision on revision ${d.revision}`, 'decision', 'radio', decisions.map(value => [value, DECISIONS[value]]), { required: true, checked: [decisions[0]] }),
    field('Comment', comment, 'Required to request changes or reject: say what must change, or why. Plain text.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Continue')));
  section.append(form);

  const back = () => { confirm.remove(); form.hidden = false; form.querySelector('input[name=decision]:checked')?.focus(); };
  let confirm = h('div');
  form.addEventListener('submit', event => {
    event.preventDefault();
    const decision = new FormData(form).get('decision');
    const text = comment.value.trim();
    if (decision !== 'approve' && !text) {
      showFieldErrors(form, { comment: ['Write a comment: it tells the submitter what to change, or why the disclosure is rejected.'] });
      return;
    }

    showFieldErrors(form, {});
    form.hidden = true;
    const sendButton = h('button', { type: 'button', class: decision === 'reject' ? 'danger' : '' }, `Confirm: ${DECISIONS[decision].toLowerCase()}`);
    confirm = h('div', { class: 'confirm', role: 'group', 'aria-labelledby': 'confirm-heading' },
      h('h3', { id: 'confirm-heading' }, 'Check your answer'),
      h('p', {}, `You are about to ${DECISIONS[decision].toLowerCase()} revision ${d.revision} of “`, d.title, `” at the ${stepName(step).toLowerCase()}.`),
      text ? h('blockquote', { class: 'quoted' }, text) : null,
      h('p', {}, 'An answer cannot be changed once it is recorded.'),
      h('div', { class: 'actions' }, sendButton, h('button', { type: 'button', class: 'secondary', onclick: back }, 'Go back')));
    section.append(confirm);
    sendButton.focus();
    sendButton.addEventListener('click', async () => {
      sendButton.disabled = true;
      const reply = await post(`/api/disclosures/${encodeURIComponent(d.id)}/reviews/${step}`, { decision, comment: text || null });
      sendButton.disabled = false;
      if (reply.status === 202) {
        const done = {
          approve: step === 'final' ? 'Your approval was recorded: the disclosure will be published (after its embargo, if it has one).' : 'Your approval was recorded: the disclosure moves on to the next step.',
          'request-changes': 'Your request for changes was recorded: the disclosure goes back to the submitter, and the revised text will be screened and reviewed again.',
          reject: 'Your rejection was recorded: the disclosure will not be published.',
        }[decision];
        await showAfter(ctx, notice('ok', done));
        return;
      }

      if (reply.status === 400) {
        back();
        const unplaced = showFieldErrors(form, reply.problem.errors);
        result.replaceChildren(notice('error', 'Your answer was not recorded: correct the fields marked below.', unplaced.length ? h('ul', {}, unplaced.map(m => h('li', {}, m))) : null));
        return;
      }

      confirm.remove();
      form.hidden = false;
      result.replaceChildren(notice('error', await refusalWords(reply, d, step)));
    });
  });

  return section;
}

async function refusalWords(reply, d, step) {
  const type = problemType(reply.problem);
  if (reply.status === 409 && type === 'already-answered') {
    const now = await get(`/api/disclosures/${encodeURIComponent(d.id)}`);
    const answer = now.ok && now.data.reviews.find(r => r.step === step && r.revision === d.revision);
    return answer
      ? `This step was already answered for revision ${d.revision}: ${DECISIONS[answer.decision]?.toLowerCase() ?? answer.decision}, by ${answer.reviewer} on ${utc(answer.reviewedAt)}. Your answer was not recorded.`
      : 'This step was already answered. Your answer was not recorded.';
  }

  if (reply.status === 409 && type === 'comments-awaiting-moderation') {
    return 'Comments still await moderation; final approval can be given once staff have moderated them. Your answer was not recorded.';
  }

  if (reply.status === 409) {
    return `The disclosure is no longer waiting for the ${stepName(step).toLowerCase()} (it is ${STATUS_WORDS[reply.problem.disclosureStatus] ?? 'at another step'} now). Your answer was not recorded.`;
  }

  if (reply.status === 403) return 'You may not answer this step. Your answer was not recorded.';
  return `Your answer was not recorded. ${describe(reply.problem)}`;
}

/** Shows the page again with a message at its top. */
async function showAfter(ctx, message) {
  const content = await renderReview({ ...ctx, flash: message });
  const main = document.getElementById('main');
  main.replaceChildren(...content.filter(Boolean));
  message.setAttribute('tabindex', '-1');
  message.focus();
}

// ---- Staff: revise, withdraw, moderate --------------------------------------------------------------------------

function reviseSection(ctx, d) {
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { novalidate: true },
    field('Revised text', h('textarea', { name: 'body', id: 'revise-body', rows: '12' }, d.body ?? ''), 'The whole text, Markdown without raw HTML. It is screened again and reviewed again from the security review.'),
    d.kind === 'military-expenditure'
      ? field('Expenditure report (JSON)', h('textarea', { name: 'expenditure', id: 'revise-expenditure', rows: '4' }, d.expenditure ? JSON.stringify(d.expenditure.report) : ''))
      : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Submit the revision')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = { body: form.elements.body.value };
    if (form.elements.expenditure?.value.trim()) {
      try { body.expenditure = JSON.parse(form.elements.expenditure.value); } catch {
        showFieldErrors(form, { expenditure: ['This is not JSON.'] });
        return;
      }
    }

    const reply = await post(`/api/disclosures/${encodeURIComponent(d.id)}/revisions`, body);
    if (reply.status === 202) {
      await showAfter(ctx, notice('ok', `Revision ${reply.data.revision} was submitted: it is being screened, then reviewed again from the security review.`));
      return;
    }

    const unplaced = reply.status === 400 ? showFieldErrors(form, reply.problem.errors) : [];
    result.replaceChildren(notice('error', reply.status === 409
      ? 'Changes are no longer requested, so the revision was not stored. Reload to see where the disclosure is.'
      : reply.status === 400 ? 'The revision was not stored: correct the fields marked below.' : describe(reply.problem),
    unplaced.length ? h('ul', {}, unplaced.map(m => h('li', {}, m))) : null));
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'revise-heading' }, h('h2', { id: 'revise-heading' }, 'Submit a revision'), result, form);
}

function withdrawSection(ctx, d) {
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { novalidate: true },
    field('Reason', h('textarea', { name: 'reason', id: 'withdraw-reason', rows: '2', maxlength: '2000' }), 'Recorded with the disclosure and in its audit trail.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, 'Withdraw…')));
  let confirming = false;
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    if (!confirming) {
      confirming = true;
      button.textContent = 'Confirm: withdraw the disclosure';
      result.replaceChildren(notice('warn', 'Withdrawing ends the disclosure: it will not be published. Press the button again to confirm.'));
      return;
    }

    const reply = await post(`/api/disclosures/${encodeURIComponent(d.id)}/withdraw`, { reason: form.elements.reason.value });
    if (reply.status === 202) {
      await showAfter(ctx, notice('ok', 'The disclosure was withdrawn: its open review steps are closed and it will not be published.'));
      return;
    }

    confirming = false;
    button.textContent = 'Withdraw…';
    const unplaced = reply.status === 400 ? showFieldErrors(form, reply.problem.errors) : [];
    result.replaceChildren(notice('error', reply.status === 409 ? 'It can no longer be withdrawn: it was published, rejected or withdrawn meanwhile.' : reply.status === 400 ? 'Give a reason.' : describe(reply.problem),
      unplaced.length ? h('ul', {}, unplaced.map(m => h('li', {}, m))) : null));
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'withdraw-heading' }, h('h2', { id: 'withdraw-heading' }, 'Withdraw'), result, form);
}

function moderationForm(ctx, d, c, index) {
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { novalidate: true, class: 'moderation' },
    choiceGroup(`Moderate the comment from ${c.organisation}`, 'decision', 'radio', [['publish', 'Publish'], ['reject', 'Reject']], { checked: ['publish'] }),
    field('Reason (required to reject)', h('input', { type: 'text', name: 'reason', id: `moderate-reason-${index}`, maxlength: '2000' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save moderation')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const decision = new FormData(form).get('decision');
    const reason = form.elements.reason.value.trim();
    const reply = await post(`/api/disclosures/${encodeURIComponent(d.id)}/comments/${encodeURIComponent(c.id)}/moderation`, { decision, reason: reason || null });
    if (reply.ok) {
      await showAfter(ctx, notice('ok', decision === 'publish' ? `The comment from ${c.organisation} was published.` : `The comment from ${c.organisation} was rejected; it will not be shown publicly.`));
      return;
    }

    const unplaced = reply.status === 400 ? showFieldErrors(form, reply.problem.errors) : [];
    result.replaceChildren(notice('error', reply.status === 409 ? 'This comment was moderated differently already, or moderation is over.' : reply.status === 400 ? 'The moderation was not saved: correct the field marked below.' : describe(reply.problem),
      unplaced.length ? h('ul', {}, unplaced.map(m => h('li', {}, m))) : null));
  });
  return [result, form];
}

// ---- What the page shows ------------------------------------------------------------------------------------------

function textSection(d) {
  const findings = d.findings ?? [];
  const text = d.body ?? '';
  const source = markFindings(text, findings);
  const rendered = d.document ? renderDocument(d.document, text, findings) : null;
  const sourceView = h('div', { class: 'document source', id: 'text-source' }, source.node);
  const renderedView = rendered ? h('div', { class: 'document', id: 'text-rendered' }, rendered.node) : null;
  let showing = rendered ? 'rendered' : 'source';
  const marks = () => (showing === 'rendered' ? rendered.marks : source.marks);

  let toggle = null;
  if (rendered) {
    // Two buttons, one pressed: the rendering (default) or the Markdown source.
    const buttons = {
      rendered: h('button', { type: 'button', class: 'secondary', 'aria-pressed': 'true', 'aria-controls': 'text-rendered' }, 'Rendered'),
      source: h('button', { type: 'button', class: 'secondary', 'aria-pressed': 'false', 'aria-controls': 'text-source' }, 'Source'),
    };
    const show = view => {
      showing = view;
      renderedView.hidden = view !== 'rendered';
      sourceView.hidden = view !== 'source';
      for (const [name, button] of Object.entries(buttons)) button.setAttribute('aria-pressed', String(name === view));
    };
    buttons.rendered.addEventListener('click', () => show('rendered'));
    buttons.source.addEventListener('click', () => show('source'));
    toggle = h('div', { class: 'view-toggle', role: 'group', 'aria-label': 'Show the text' }, buttons.rendered, buttons.source);
    sourceView.hidden = true;
  }

  const showFinding = i => {
    const mark = marks()[i] ?? source.marks[i] ?? rendered?.marks[i];
    const hiddenView = mark.closest('[hidden]');
    if (hiddenView) toggle.querySelector(`[aria-controls=${hiddenView.id}]`).click();
    mark.scrollIntoView({ block: 'center' });
    mark.focus();
  };
  const list = findings.length
    ? h('ol', { class: 'findings' }, findings.map((f, i) => h('li', {},
      h('span', { class: f.severity === 'blocking' ? 'badge badge-bad' : 'badge badge-warn' }, f.severity === 'blocking' ? 'Blocking' : 'Warning'), ' ',
      findingLabel(f), ` at line ${f.line}, column ${f.column}${f.system ? ` (${f.system})` : ''}: `,
      h('code', {}, f.excerpt), ' ',
      source.marks[i] || rendered?.marks[i] ? h('button', { type: 'button', class: 'link-button', onclick: () => showFinding(i) }, `Show finding ${i + 1} in the text`) : null)))
    : h('p', {}, d.revisions.find(r => r.number === d.revision)?.screenedAt ? 'Screening found nothing in this revision.' : 'This revision has not been screened yet.');
  return h('section', { 'aria-labelledby': 'text-heading' },
    h('h2', { id: 'text-heading' }, `Text of revision ${d.revision}`),
    h('p', { class: 'hint' }, rendered
      ? 'The text as it will read once published, with the screening findings highlighted; "Source" shows the Markdown as submitted.'
      : 'The text as submitted (Markdown source; it could not be rendered); screening findings are highlighted.'),
    toggle,
    renderedView,
    sourceView,
    h('h3', {}, `Screening findings (${d.findingsTotal})`),
    d.findingsTotal > findings.length ? h('p', {}, `The first ${findings.length} of ${d.findingsTotal} findings are listed.`) : null,
    list);
}

async function diffSection(d) {
  const heading = h('h2', { id: 'diff-heading' }, d.revision > 1 ? `Changes from revision ${d.revision - 1}` : 'Changes');
  const section = h('section', { 'aria-labelledby': 'diff-heading' }, heading);
  if (d.revision < 2) {
    section.append(h('p', {}, 'This is the first revision: there is nothing to compare it with.'));
    return section;
  }

  const view = h('div', { 'aria-live': 'polite' });
  const show = async from => {
    const reply = await get(`/api/disclosures/${encodeURIComponent(d.id)}/revisions/${d.revision}/diff?from=${from}`);
    heading.textContent = from === 0 ? `Revision ${d.revision} in full` : `Changes from revision ${from}`;
    view.replaceChildren(reply.ok ? diffView(reply.data) : notice('error', describe(reply.problem)));
  };

  if (d.revision > 2) {
    // With several revisions, the reviewer may compare with any earlier one.
    const choice = h('select', { name: 'from', id: 'diff-from' },
      Array.from({ length: d.revision - 1 }, (_, i) => d.revision - 1 - i).map(n => h('option', { value: String(n) }, `Revision ${n}`)));
    const form = h('form', { class: 'compare', 'aria-label': 'Compare revisions' }, field('Compare with', choice), h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, 'Compare')));
    form.addEventListener('submit', event => { event.preventDefault(); show(Number(choice.value)); });
    section.append(form);
  }

  section.append(view);
  await show(d.revision - 1);
  return section;
}

function revisionsSection(d) {
  return h('section', { 'aria-labelledby': 'revisions-heading' },
    h('h2', { id: 'revisions-heading' }, 'Revisions'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Revision', 'Submitted', 'Screening'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, d.revisions.map(r => h('tr', {},
        h('th', { scope: 'row' }, String(r.number)),
        h('td', {}, r.submittedBy, ', ', timeElement(r.submittedAt)),
        h('td', {}, r.screenedAt ? `${r.findings ?? 0} finding${r.findings === 1 ? '' : 's'}${r.blocked ? ', blocked' : ''}` : 'Not screened yet')))))));
}

function reviewsSection(d) {
  const reviews = [...d.reviews].sort((a, b) => new Date(a.reviewedAt) - new Date(b.reviewedAt));
  return h('section', { 'aria-labelledby': 'reviews-heading' },
    h('h2', { id: 'reviews-heading' }, 'Reviews'),
    reviews.length === 0 ? h('p', {}, 'No review has been answered yet.') : h('ul', { class: 'tasks' }, reviews.map(r => h('li', { class: 'task' },
      h('p', {}, h('strong', {}, `${stepName(r.step)}, revision ${r.revision}: ${DECISIONS[r.decision] ?? r.decision}`)),
      h('p', { class: 'muted' }, r.reviewer, ', ', timeElement(r.reviewedAt)),
      r.comment ? h('blockquote', { class: 'quoted' }, r.comment) : null))));
}

function commentsSection(ctx, d) {
  const staff = isStaff(ctx.caller);
  const approver = hasRole(ctx.caller, 'approver') && ctx.caller.nation === d.nation && !staff;
  const shown = staff ? d.comments : d.comments.filter(c => c.moderation !== 'pending' || (ctx.caller.org && c.organisation === ctx.caller.org));
  const heading = h('h2', { id: 'comments-heading' }, 'Public comments');
  const items = shown.map((c, i) => h('li', { class: 'task comment' },
    h('p', {}, h('strong', {}, c.organisation), ' · ', timeElement(c.postedAt), ' · ', moderationBadge(c.moderation)),
    h('p', { class: 'comment-text' }, c.text),
    c.moderation === 'rejected' && c.reason ? h('p', { class: 'muted' }, 'Reason for rejecting it: ', c.reason) : null,
    staff && c.moderation === 'pending' ? moderationForm(ctx, d, c, i) : null));
  const pendingHidden = d.comments.length - shown.length;
  return h('section', { 'aria-labelledby': 'comments-heading' }, heading,
    approver && pendingHidden ? notice('warn', `${pendingHidden} comment${pendingHidden === 1 ? ' awaits' : 's await'} moderation and ${pendingHidden === 1 ? 'is' : 'are'} not shown until staff have moderated ${pendingHidden === 1 ? 'it' : 'them'}.`) : null,
    items.length ? h('ul', { class: 'tasks' }, items) : h('p', {}, 'No comments to show.'));
}

function moderationBadge(state) {
  return {
    pending: h('span', { class: 'badge badge-warn' }, 'Awaiting moderation'),
    published: h('span', { class: 'badge badge-ok' }, 'Published'),
    rejected: h('span', { class: 'badge badge-bad' }, 'Rejected'),
  }[state] ?? h('span', { class: 'badge' }, state);
}

function commentForm(ctx, d) {
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { novalidate: true },
    field('Your comment', h('textarea', { name: 'text', id: 'comment-text', rows: '5', maxlength: '5000' }), `Plain text, up to 5,000 characters. Posted for ${ctx.caller.org ?? 'your organisation'}; staff moderate it before it is shown.`),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Post comment')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const reply = await post(`/api/disclosures/${encodeURIComponent(d.id)}/comments`, { text: form.elements.text.value });
    if (reply.status === 202) {
      await showAfter(ctx, notice('ok', 'Your comment was received and waits for moderation; it is shown publicly once staff publish it.'));
      return;
    }

    const unplaced = reply.status === 400 ? showFieldErrors(form, reply.problem.errors) : [];
    const words = { 409: 'The comment period has ended; your comment was not recorded.', 429: 'Your organisation has posted as many comments on this disclosure as it may; this one was not recorded.' };
    result.replaceChildren(notice('error', words[reply.status] ?? (reply.status === 400 ? 'Your comment was not recorded: correct it as marked below.' : describe(reply.problem)),
      unplaced.length ? h('ul', {}, unplaced.map(m => h('li', {}, m))) : null));
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'comment-heading' }, h('h2', { id: 'comment-heading' }, 'Comment'), result, form);
}
