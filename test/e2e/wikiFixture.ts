// The e2e host's wiki: a fresh database in a temporary folder with this admin (a test fixture).
export const E2E_WIKI_ADMIN = { name: 'e2e-admin', password: 'e2e-admin-password' };
