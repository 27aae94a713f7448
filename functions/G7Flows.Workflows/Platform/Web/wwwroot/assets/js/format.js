// Dates and times as people read them: relative ("due in 2 days") and absolute, always in UTC.
import { h } from './dom.js';

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const units = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];

/** "in 2 days", "3 hours ago", relative to now (or a given time). */
function relative(value, now = new Date()) {
  const seconds = (new Date(value).getTime() - now.getTime()) / 1000;
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second') return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return '';
}

/** "2026-12-02 14:00 UTC". */
export function utc(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** Whether a due time has passed. */
export function isOverdue(value, now = new Date()) {
  return new Date(value).getTime() < now.getTime();
}

/** A <time> element with the absolute UTC time and the relative one. */
export function timeElement(value, prefix = '') {
  return h('time', { datetime: new Date(value).toISOString(), title: utc(value) }, `${prefix}${relative(value)} (${utc(value)})`);
}

/** An ISO-8601 duration as people read it: "PT10M" is "10 minutes", "P1DT2H" "1 day 2 hours"; anything else as given. */
export function duration(value) {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(String(value ?? ''));
  if (!match || !match.slice(1).some(Boolean)) return String(value ?? '');
  const names = ['week', 'day', 'hour', 'minute', 'second'];
  return match.slice(1)
    .map((n, i) => (n && Number(n) !== 0 ? `${n} ${names[i]}${Number(n) === 1 ? '' : 's'}` : null))
    .filter(Boolean)
    .join(' ') || '0 seconds';
}
