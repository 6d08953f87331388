// Sign-in and sign-up: a display name and a password.
import { WikiApiError } from './wikiClient.js';
import { fieldRows, openDialog } from './dialog.js';
import type { WikiState } from './wikiState.js';
import { button } from '../dom.js';
import { wikiText } from './wikiText.js';

export function openAuthDialog(state: WikiState): void {
  const form = fieldRows([
    { key: 'name', label: wikiText('userName'), kind: 'text', required: true, maxLength: 40 },
    { key: 'password', label: wikiText('password'), kind: 'password', required: true, maxLength: 200 },
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
  const d = openDialog('wiki-auth', wikiText('signIn'), form.nodes, [
    button(wikiText('signIn'), () => void go('signIn'), { dataset: { action: 'sign-in' } }),
    button(wikiText('signUp'), () => void go('signUp'), { dataset: { action: 'sign-up' } }),
  ]);
}
