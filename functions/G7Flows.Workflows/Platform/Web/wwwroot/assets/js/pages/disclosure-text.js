// A disclosure's text with its screening findings marked, and the differences between two revisions. Everything is
// built from Text nodes: the text, the excerpts and the diff's lines are never parsed as HTML.
import { h } from '../dom.js';

export const STATUS_WORDS = {
  Screening: 'Screening',
  ChangesRequested: 'Changes requested',
  SecurityReview: 'Security review',
  HumanRightsReview: 'Human-rights review',
  PublicComment: 'Public comment',
  FinalApproval: 'Final approval',
  Embargoed: 'Embargoed',
  Published: 'Published',
  Rejected: 'Rejected',
  Withdrawn: 'Withdrawn',
};

const STATUS_BADGES = { Published: 'badge-ok', Embargoed: 'badge-ok', Rejected: 'badge-bad', Withdrawn: 'badge-bad', ChangesRequested: 'badge-warn' };

/** A same-origin path from the API for a link (a path like /api/public/…), or null for anything else. */
export function localHref(value) {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : null;
}

/** A status as a badge. */
export function statusBadge(status) {
  return h('span', { class: `badge ${STATUS_BADGES[status] ?? ''}`.trim() }, STATUS_WORDS[status] ?? status);
}

const STEPS = { security: 'Security review', 'human-rights': 'Human-rights review', final: 'Final approval' };

/** A review step's name for people. */
export function stepName(step) {
  return STEPS[step] ?? step;
}

const KINDS = {
  'classification-marking': 'Classification marking',
  'handling-caveat': 'Handling caveat',
  'email-address': 'E-mail address',
  'phone-number': 'Telephone number',
};

/** What a finding is, for people. */
export function findingLabel(finding) {
  return KINDS[finding.kind] ?? finding.kind;
}

/** Where each line of a text starts: lines end at LF, CRLF or CR, as screening counts them. */
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') i++;
    if (c === '\r' || c === '\n') starts.push(i + 1);
  }

  return starts;
}

/** A finding's span in the text (UTF-16 offsets), or null when it does not point into this text. */
function spanOf(text, starts, finding) {
  const lineStart = starts[finding.line - 1];
  if (lineStart === undefined) return null;
  const start = lineStart + finding.column - 1;
  if (start < 0 || start >= text.length) return null;
  let length = finding.length;
  if (!length) {
    // A finding stored before lengths were recorded: mark up to the next white space.
    const rest = text.slice(start).search(/\s/);
    length = rest <= 0 ? Math.max(1, rest < 0 ? text.length - start : 1) : rest;
  }

  return { start, end: Math.min(text.length, start + length) };
}

/**
 * The text with the findings marked: each run of overlapping findings becomes one <mark> followed by the findings'
 * numbers. Returns the nodes and, for each finding, its <mark> (or null when it could not be placed).
 */
export function markFindings(text, findings) {
  const starts = lineStarts(text);
  const spans = findings
    .map((f, index) => ({ index, span: spanOf(text, starts, f), blocking: f.severity === 'blocking' }))
    .filter(s => s.span)
    .sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);

  // Overlapping spans (a portion mark that is both a marking and a caveat) join into one cluster.
  const clusters = [];
  for (const s of spans) {
    const last = clusters[clusters.length - 1];
    if (last && s.span.start < last.end) {
      last.end = Math.max(last.end, s.span.end);
      last.members.push(s);
    } else {
      clusters.push({ start: s.span.start, end: s.span.end, members: [s] });
    }
  }

  const marks = findings.map(() => null);
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const c of clusters) {
    if (c.start > at) fragment.append(document.createTextNode(text.slice(at, c.start)));
    const numbers = c.members.map(m => m.index + 1).sort((a, b) => a - b);
    const mark = h('mark', {
      class: c.members.some(m => m.blocking) ? 'finding finding-blocking' : 'finding',
      tabindex: '-1',
      'data-findings': numbers.join(' '),
    }, text.slice(c.start, c.end));
    fragment.append(mark, h('sup', { class: 'finding-ref' }, `[${numbers.join(', ')}]`));
    for (const m of c.members) marks[m.index] = mark;
    at = c.end;
  }

  if (at < text.length) fragment.append(document.createTextNode(text.slice(at)));
  return { node: fragment, marks };
}

/** The differences between two revisions (the diff API's answer), as lines with inserted and deleted words marked. */
export function diffView(diff) {
  const { counts, lines } = diff;
  const plural = (n, word) => `${n} line${n === 1 ? '' : 's'} ${word}`;
  const from = diff.from === 0 ? 'the empty text' : `revision ${diff.from}`;
  return h('div', { class: 'diff-view' },
    h('p', {}, `Revision ${diff.revision} compared with ${from}: ${plural(counts.inserted, 'added')}, ${plural(counts.deleted, 'removed')}, ${plural(counts.unchanged, 'unchanged')}.`),
    h('div', { class: 'diff', role: 'region', 'aria-label': `Changes in revision ${diff.revision}`, tabindex: '0' }, lines.map(diffLine)));
}

function diffLine(line) {
  if (line.change === 'unchanged') {
    return h('span', { class: 'line' }, h('span', { class: 'sign', 'aria-hidden': 'true' }, ' '), line.text);
  }

  const inserted = line.change === 'inserted';
  const tag = inserted ? 'ins' : 'del';
  const content = line.words
    ? line.words.map(w => (w.change === 'unchanged' ? w.text : h(tag, { class: 'word' }, w.text)))
    : h(tag, {}, line.text);
  return h('span', { class: `line ${inserted ? 'line-inserted' : 'line-deleted'}` },
    h('span', { class: 'sign', 'aria-hidden': 'true' }, inserted ? '+' : '−'),
    h('span', { class: 'visually-hidden' }, inserted ? 'Added: ' : 'Removed: '),
    content);
}
