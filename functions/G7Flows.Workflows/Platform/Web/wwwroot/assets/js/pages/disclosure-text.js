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

/** The review steps of a disclosure, by the API's code, as people name them. */
export const STEPS = { security: 'Security review', 'human-rights': 'Human-rights review', final: 'Final approval' };

/** A review step's name for people. */
export function stepName(step) {
  return STEPS[step] ?? step;
}

/** The kinds of disclosure, by the API's code, in the order the submission form offers them. */
export const DISCLOSURE_KINDS = [
  ['defence-policy', 'Defence policy'],
  ['military-expenditure', 'Military expenditure'],
  ['exercise-report', 'Exercise report'],
  ['arms-transfer-summary', 'Arms-transfer summary'],
];

const disclosureKindNames = new Map(DISCLOSURE_KINDS);

/** A disclosure kind's name for people; an unknown code as it is. */
export function disclosureKindName(kind) {
  return disclosureKindNames.get(kind) ?? kind;
}

const FINDING_KINDS = {
  'classification-marking': 'Classification marking',
  'handling-caveat': 'Handling caveat',
  'email-address': 'E-mail address',
  'phone-number': 'Telephone number',
};

/** What a finding is, for people. */
export function findingLabel(finding) {
  return FINDING_KINDS[finding.kind] ?? finding.kind;
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
  const clusters = findingClusters(text, findings);
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

/**
 * The findings' spans in the text, sorted; overlapping spans (a portion mark that is both a marking and a caveat) join
 * into one cluster {start, end, members: [{index, blocking}]}.
 */
function findingClusters(text, findings) {
  const starts = lineStarts(text);
  const spans = findings
    .map((f, index) => ({ index, span: spanOf(text, starts, f), blocking: f.severity === 'blocking' }))
    .filter(s => s.span)
    .sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);

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

  return clusters;
}

const WEB_ADDRESS = /^(https?:|mailto:)/i;

/**
 * The API's structured document (blocks and inlines, every string text) built as elements, with each finding's span
 * marked wherever its characters landed, across emphasis and link boundaries: a finding may become several <mark>
 * pieces, the last followed by the findings' numbers. Headings move down two levels (# is h3), below the page's h1
 * and the section's h2. Returns the node and, for each finding, its first <mark> (or null when it could not be placed).
 */
export function renderDocument(doc, text, findings) {
  const clusters = findingClusters(text, findings);
  const pieces = clusters.map(() => []);

  // The run's text, split where clusters begin and end, the covered parts in <mark>.
  const runNodes = run => {
    if (typeof run.offset !== 'number' || typeof run.length !== 'number') return [run.text];
    const from = run.offset;
    const to = run.offset + run.length;
    const exact = run.length === run.text.length;
    const nodes = [];
    let at = 0;
    let last = null;
    clusters.forEach((c, k) => {
      if (c.end <= from || c.start >= to) return;
      const start = exact ? Math.max(c.start, from) - from : 0;
      const end = exact ? Math.min(c.end, to) - from : run.text.length;
      if (end <= at) {
        // A run that stands for its span as a whole (an entity) is already marked for an earlier cluster.
        if (last) pieces[k].push(last);
        return;
      }

      if (start > at) nodes.push(run.text.slice(at, start));
      const mark = h('mark', {
        class: c.members.some(m => m.blocking) ? 'finding finding-blocking' : 'finding',
        tabindex: '-1',
        'data-findings': c.members.map(m => m.index + 1).sort((a, b) => a - b).join(' '),
      }, run.text.slice(Math.max(start, at), end));
      pieces[k].push(mark);
      nodes.push(mark);
      last = mark;
      at = end;
    });
    if (at < run.text.length) nodes.push(run.text.slice(at));
    return nodes;
  };

  const inline = node => {
    switch (node.type) {
      case 'text': return runNodes(node);
      case 'code': return h('code', {}, runNodes(node));
      case 'break': return h('br');
      case 'emphasis': return h('em', {}, inlines(node.children));
      case 'strong': return h('strong', {}, inlines(node.children));
      case 'strike': return h('s', {}, inlines(node.children));
      case 'link':
        return typeof node.href === 'string' && WEB_ADDRESS.test(node.href)
          ? h('a', { href: node.href, rel: 'nofollow noopener noreferrer' }, inlines(node.children))
          : inlines(node.children);
      default: return node.text !== undefined ? runNodes(node) : inlines(node.children);
    }
  };
  const inlines = list => (list ?? []).map(inline);

  const block = node => {
    switch (node.type) {
      case 'heading': return h(`h${Math.min(6, Math.max(1, Number(node.level) || 1) + 2)}`, {}, inlines(node.inlines));
      case 'paragraph': return h('p', {}, inlines(node.inlines));
      case 'code': return h('pre', {}, h('code', {}, inlines(node.inlines)));
      case 'rule': return h('hr');
      case 'quote': return h('blockquote', {}, blocks(node.blocks));
      case 'list': {
        const items = (node.items ?? []).map(item => h('li', {}, blocks(item)));
        return node.ordered ? h('ol', node.start && node.start !== 1 ? { start: String(node.start) } : {}, items) : h('ul', {}, items);
      }
      case 'table': return h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, (node.rows ?? []).filter(r => r.header).map(r => h('tr', {}, r.cells.map(c => h('th', { scope: 'col' }, inlines(c)))))),
        h('tbody', {}, (node.rows ?? []).filter(r => !r.header).map(r => h('tr', {}, r.cells.map(c => h('td', {}, inlines(c))))))));
      default: return h('div', {}, inlines(node.inlines), blocks(node.blocks));
    }
  };
  const blocks = list => (list ?? []).map(block);

  const node = h('div', { class: 'rendered' }, blocks(doc.blocks));
  const marks = findings.map(() => null);
  clusters.forEach((c, k) => {
    const placed = pieces[k];
    if (!placed.length) return;
    const numbers = c.members.map(m => m.index + 1).sort((a, b) => a - b);
    placed[placed.length - 1].after(h('sup', { class: 'finding-ref' }, `[${numbers.join(', ')}]`));
    for (const m of c.members) marks[m.index] = placed[0];
  });
  return { node, marks };
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
