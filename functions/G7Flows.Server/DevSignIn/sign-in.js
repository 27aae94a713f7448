// Development sign-in: asks the server for a development token and keeps it for this browser tab.
const form = document.getElementById('sign-in');
const formError = document.getElementById('form-error');

form.addEventListener('submit', async event => {
  event.preventDefault();
  for (const slot of form.querySelectorAll('.field-error')) { slot.hidden = true; slot.textContent = ''; }
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  formError.textContent = '';
  const data = Object.fromEntries(new FormData(form));
  const body = { name: data.name.trim(), role: data.role, nation: data.nation || null, org: data.org.trim() || null };
  const button = form.querySelector('button');
  button.disabled = true;
  try {
    const response = await fetch('/sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
    const reply = await response.json().catch(() => ({}));
    if (!response.ok) {
      let first = null;
      for (const [name, messages] of Object.entries(reply.errors ?? {})) {
        const slot = document.getElementById(`${name}-error`);
        const control = document.getElementById(name);
        if (slot && control) {
          slot.textContent = [].concat(messages).join(' ');
          slot.hidden = false;
          control.setAttribute('aria-invalid', 'true');
          first ??= control;
        } else {
          formError.textContent = [].concat(messages).join(' ');
        }
      }
      if (!first && !formError.textContent) formError.textContent = reply.detail || reply.title || `Sign-in failed (${response.status}).`;
      first?.focus();
      return;
    }

    sessionStorage.setItem('g7flows.token', reply.token);
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
