// Sign-in and sign-up: a display name and a password.
import { WikiApiError } from './wikiClient.js';
import { fieldRows, openDialog } from './dialog.js';
import type { WikiState } from './wikiState.js';
import { button, wt } from './wikiText.js';

export function openAuthDialog(state: WikiState): void {
  const form = fieldRows([
    { key: 'name', label: wt('userName'), kind: 'text', required: true, maxLength: 40 },
    { key: 'password', label: wt('password'), kind: 'password', required: true, maxLength: 200 },
  ]);
  const go = async (mode: 'signIn' | 'signUp') => {
    const { name, password } = form.values();
    try {
      const session = mode === 'signIn' ? await state.client.signIn(name, password) : await state.client.signUp(name, password);
      d.close();
      state.setSession(session);
    } catch (err) {
      d.message(err instanceof WikiApiError ? err.message : String(err));
    }
  };
  const d = openDialog('wiki-auth', wt('signIn'), form.nodes, [
    button(wt('signIn'), () => void go('signIn'), { 'data-action': 'sign-in' }),
    button(wt('signUp'), () => void go('signUp'), { 'data-action': 'sign-up' }),
  ]);
}
