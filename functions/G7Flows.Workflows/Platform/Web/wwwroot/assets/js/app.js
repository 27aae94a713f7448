// The web app's shell: who is signed in, the navigation their roles call for, and the router. Pages are addressed by
// the URL's fragment (#/consultations/abc) and each page module lists its routes.
import { h, replace, notice } from './dom.js';
import { me, setToken, token, describe } from './api.js';
import { seesConsultations, seesDisclosures, seesInbox, seesReports } from './roles.js';
import * as home from './pages/home.js';
import * as inbox from './pages/inbox.js';
import * as consultations from './pages/consultations.js';
import * as disclosures from './pages/disclosures.js';
import * as reports from './pages/reports.js';
import * as publicPages from './pages/public.js';

const modules = [home, inbox, consultations, disclosures, reports, publicPages];
const routes = modules.flatMap(m => m.routes ?? []).map(r => ({ ...r, pattern: compile(r.path) }));
const main = document.getElementById('main');
let caller = null;
let rendering = 0;

/** Goes to another page of the app. */
function navigate(path) {
  busy();
  if (location.hash === '#' + path) render();
  else location.hash = path;
}

function compile(path) {
  const names = [];
  const source = path.replace(/:([a-zA-Z]+)/g, (_, name) => { names.push(name); return '([^/]+)'; });
  return { regex: new RegExp(`^${source}$`), names };
}

function match(path) {
  for (const route of routes) {
    const found = route.pattern.regex.exec(path);
    if (found) {
      const params = Object.fromEntries(route.pattern.names.map((n, i) => [n, decodeURIComponent(found[i + 1])]));
      return { route, params };
    }
  }
  return null;
}

function currentPath() {
  const hash = location.hash;
  if (!hash.startsWith('#/')) return '/';
  const path = hash.slice(1);
  const query = path.indexOf('?');
  return query < 0 ? path : path.slice(0, query);
}

/** The query part of the fragment (#/consultations?status=open) as URLSearchParams. */
function currentQuery() {
  const hash = location.hash;
  const query = hash.indexOf('?');
  return new URLSearchParams(query < 0 ? '' : hash.slice(query + 1));
}

function renderNav() {
  const links = [];
  const add = (href, text) => links.push(h('li', {}, h('a', { href }, text)));
  if (seesInbox(caller)) add('#/inbox', 'Inbox');
  if (seesConsultations(caller)) add('#/consultations', 'Consultations');
  if (seesDisclosures(caller)) add('#/disclosures', 'Disclosures');
  if (seesReports(caller)) add('#/reports', 'Reports');
  add('#/public', 'Published');
  replace(document.getElementById('nav'), h('ul', {}, links));
  markCurrent();

  const who = document.getElementById('who');
  if (caller) {
    const detail = [caller.roles.join(', '), caller.nation, caller.org].filter(Boolean).join(' · ');
    replace(who,
      h('span', { class: 'who-name' }, caller.name),
      detail ? h('span', { class: 'who-detail' }, detail) : null,
      h('button', { type: 'button', class: 'link-button', onclick: signOut }, 'Sign out'));
  } else {
    replace(who, h('a', { href: '/sign-in', class: 'button' }, 'Sign in'));
  }
}

function markCurrent() {
  const path = currentPath();
  for (const link of document.querySelectorAll('#nav a')) {
    const target = link.getAttribute('href').slice(1);
    if (path === target || path.startsWith(target + '/')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function signOut() {
  if (token()) {
    setToken(null);
    location.assign('/');
  } else {
    // App Service Authentication ends its session and comes back to the app.
    location.assign('/.auth/logout?post_logout_redirect_uri=/');
  }
}

/** Marks the page as loading until the next page is shown, for assistive technology (and for tests that wait for it). */
function busy() {
  main.setAttribute('aria-busy', 'true');
}

async function render() {
  const ticket = ++rendering;
  busy();
  const path = currentPath();
  const found = match(path);
  markCurrent();
  if (!found) {
    show(ticket, 'Not found', h('h1', {}, 'Page not found'), h('p', {}, 'There is no such page. ', h('a', { href: '#/' }, 'Go to the start page.')));
    return;
  }

  const { route, params } = found;
  if (route.signIn !== false && !caller) {
    show(ticket, 'Sign in', h('h1', {}, 'Sign in to continue'),
      h('p', {}, 'This page shows work for signed-in reviewers and staff.'),
      h('p', {}, h('a', { href: '/sign-in', class: 'button' }, 'Sign in')));
    return;
  }

  try {
    const content = await route.render({ params, query: currentQuery(), caller, navigate, refresh: render });
    if (ticket !== rendering) return;
    show(ticket, route.title ? (typeof route.title === 'function' ? route.title(params) : route.title) : null, content);
  } catch (error) {
    console.warn('page failed', error);
    show(ticket, 'Error', h('h1', {}, 'Something went wrong'), notice('error', describe(error?.problem) || 'The page could not be shown. Reload to try again.'));
  }
}

function show(ticket, title, ...content) {
  if (ticket !== rendering) return;
  replace(main, ...content);
  main.removeAttribute('aria-busy');
  const heading = main.querySelector('h1');
  document.title = (heading?.textContent || title) ? `${heading?.textContent || title} · G7Flows` : 'G7Flows';
  // Move focus to the new page, as a page load would, so screen readers announce it.
  main.focus({ preventScroll: false });
}

async function start() {
  document.querySelector('[data-skip]')?.addEventListener('click', event => {
    event.preventDefault();
    main.focus();
  });
  caller = await me();
  renderNav();
  window.addEventListener('hashchange', () => {
    if (location.hash === '' || location.hash.startsWith('#/')) render();
  });
  await render();
  document.documentElement.dataset.ready = 'true';
}

start();
