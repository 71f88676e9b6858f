import { config } from './config';

/**
 * Sign-in with the authorization code flow and PKCE (S256). Tokens stay in this tab only: in memory, and in
 * sessionStorage so that reloading the page (a crew's phone does) does not sign them out. Never in localStorage,
 * which every tab and every later visit shares, and never in an address, which ends up in histories and logs.
 * sessionStorage is as readable by a script on this origin as memory is; the app loads scripts from its own origin
 * only (Content-Security-Policy), which is what protects both.
 */
export type Audience = 'staff' | 'patient';

interface Session {
  accessToken: string;
  expiresAt: number;
  name: string;
  claims: Record<string, unknown>;
}

const sessions = new Map<Audience, Session>();
const KEY = (audience: Audience) => `openucp.session.${audience}`;
const PENDING = 'openucp.pending-sign-in';

function issuerOf(audience: Audience): string {
  return audience === 'staff' ? config().staffIssuer : config().patientIssuer;
}

function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const array = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let text = '';
  for (const byte of array) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function decodeClaims(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? '';
  const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  return JSON.parse(json) as Record<string, unknown>;
}

export function session(audience: Audience): Session | undefined {
  let current = sessions.get(audience);
  if (!current) {
    const stored = sessionStorage.getItem(KEY(audience));
    if (stored) {
      current = JSON.parse(stored) as Session;
      sessions.set(audience, current);
    }
  }
  if (current && current.expiresAt < Date.now() + 30_000) {
    signOut(audience);
    return undefined;
  }
  return current;
}

export function accessToken(audience: Audience): string | undefined {
  return session(audience)?.accessToken;
}

export function signOut(audience: Audience): void {
  sessions.delete(audience);
  sessionStorage.removeItem(KEY(audience));
}

/** Leaves for the issuer's sign-in page; comes back to {@link completeSignIn} at the redirect path. */
export async function signIn(audience: Audience, returnTo: string): Promise<void> {
  const verifier = randomString(48);
  const state = randomString(16);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ audience, verifier, state, returnTo }));
  const url = new URL(`${issuerOf(audience)}/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config().clientId,
    redirect_uri: location.origin + config().redirectPath,
    scope: 'openid',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Exchanges the code in the address for tokens, then forgets the code; returns where to go next. */
export async function completeSignIn(): Promise<string> {
  const params = new URLSearchParams(location.search);
  history.replaceState(null, '', config().redirectPath);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as
    | { audience: Audience; verifier: string; state: string; returnTo: string }
    | null;
  sessionStorage.removeItem(PENDING);
  if (!pending || params.get('state') !== pending.state) throw new Error('This sign-in was not started here. Try again.');
  const error = params.get('error');
  if (error) throw new Error(`The issuer refused the sign-in: ${params.get('error_description') ?? error}`);
  const response = await fetch(`${issuerOf(pending.audience)}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      code_verifier: pending.verifier,
      redirect_uri: location.origin + config().redirectPath,
      client_id: config().clientId,
    }),
  });
  if (!response.ok) throw new Error(`The sign-in could not be completed (${response.status}). Try again.`);
  const body = (await response.json()) as { access_token: string; expires_in: number };
  const claims = decodeClaims(body.access_token);
  const name = (claims['name'] as string | undefined)
    ?? (claims['family_name'] ? `${String(claims['family_name'])} (NHS number ${String(claims['nhs_number'])})` : 'you');
  const created: Session = { accessToken: body.access_token, expiresAt: Date.now() + body.expires_in * 1000, name, claims };
  sessions.set(pending.audience, created);
  sessionStorage.setItem(KEY(pending.audience), JSON.stringify(created));
  return pending.returnTo;
}
