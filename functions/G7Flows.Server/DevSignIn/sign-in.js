// Development sign-in: asks the server for a development token and keeps it for this browser tab, as the web app's
// API calls expect (api.js).
import { showFieldErrors } from '/assets/js/dom.js';
import { setToken } from '/assets/js/api.js';

const form = document.getElementById('sign-in');
const formError = document.getElementById('form-error');

form.addEventListener('submit', async event => {
  event.preventDefault();
  formError.textContent = '';
  showFieldErrors(form, {});
  const data = Object.fromEntries(new FormData(form));
  const body = { name: data.name.trim(), role: data.role, nation: data.nation || null, org: data.org.trim() || null };
  const button = form.querySelector('button');
  button.disabled = true;
  try {
    const response = await fetch('/sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
    const reply = await response.json().catch(() => ({}));
    if (!response.ok) {
      const unplaced = showFieldErrors(form, reply.errors);
      if (unplaced.length > 0 || !reply.errors) formError.textContent = unplaced.join(' ') || reply.detail || reply.title || `Sign-in failed (${response.status}).`;
      return;
    }

    setToken(reply.token);
    // A key created just now reaches the token check when the server reloads its settings: wait until it is accepted.
    for (let attempt = 0; attempt < 50; attempt++) {
      const me = await fetch('/api/me', { headers: { Authorization: `Bearer ${reply.token}`, Accept: 'application/json' } });
      if (me.ok) {
        location.assign('/#/');
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    formError.textContent = 'The server did not accept the new token. Restart the server and sign in again.';
  } finally {
    button.disabled = false;
  }
});
