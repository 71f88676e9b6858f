import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from './api';
import { session, signIn, signOut, type Audience } from './auth';
import { navigate } from './router';

/** The page's one heading; focused when the page opens so that screen readers announce it. */
export function PageHeading({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return <h1 ref={ref} tabIndex={-1}>{children}</h1>;
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onInput: (value: string) => void;
  type?: string;
  autocomplete?: string;
  inputMode?: 'numeric' | 'text' | 'tel' | 'email';
  required?: boolean;
  width?: 'short' | 'medium' | 'long';
  /** Say "(optional)" after the label of a field that is not required (default); off where every field is. */
  markOptional?: boolean;
}

export function Field(props: FieldProps) {
  const described = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for={props.id}>{props.label}{props.required || props.markOptional === false ? '' : ' (optional)'}</label>
      {props.hint && <p class="hint" id={`${props.id}-hint`}>{props.hint}</p>}
      {props.error && <p class="error-message" id={`${props.id}-error`}><span class="visually-hidden">Error: </span>{props.error}</p>}
      <input id={props.id} name={props.id} type={props.type ?? 'text'} value={props.value} class={`input-${props.width ?? 'long'}`}
        autocomplete={props.autocomplete ?? 'off'} inputMode={props.inputMode} required={props.required}
        aria-describedby={described || undefined} aria-invalid={props.error ? 'true' : undefined}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)} />
    </div>
  );
}

export function TextArea(props: Omit<FieldProps, 'type' | 'inputMode' | 'width'>) {
  const described = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for={props.id}>{props.label}{props.required || props.markOptional === false ? '' : ' (optional)'}</label>
      {props.hint && <p class="hint" id={`${props.id}-hint`}>{props.hint}</p>}
      {props.error && <p class="error-message" id={`${props.id}-error`}><span class="visually-hidden">Error: </span>{props.error}</p>}
      <textarea id={props.id} name={props.id} rows={3} value={props.value} aria-describedby={described || undefined}
        aria-invalid={props.error ? 'true' : undefined} onInput={(e) => props.onInput((e.currentTarget as HTMLTextAreaElement).value)} />
    </div>
  );
}

export function Select(props: Omit<FieldProps, 'type' | 'inputMode' | 'width'> & { options: [string, string][] }) {
  const described = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${props.error ? ' field-error' : ''}`}>
      <label for={props.id}>{props.label}{props.required || props.markOptional === false ? '' : ' (optional)'}</label>
      {props.hint && <p class="hint" id={`${props.id}-hint`}>{props.hint}</p>}
      {props.error && <p class="error-message" id={`${props.id}-error`}><span class="visually-hidden">Error: </span>{props.error}</p>}
      <select id={props.id} name={props.id} value={props.value} aria-describedby={described || undefined}
        aria-invalid={props.error ? 'true' : undefined} onChange={(e) => props.onInput((e.currentTarget as HTMLSelectElement).value)}>
        {!props.required && <option value="">Not recorded</option>}
        {props.options.map(([value, label]) => <option value={value}>{label}</option>)}
      </select>
    </div>
  );
}

/** An alert that takes focus when it appears, so that it is seen (and read out) wherever the user was. */
export function FocusedAlert({ kind, title, children }: { kind: 'error' | 'success' | 'info'; title?: string; children: ComponentChildren }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div class={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'} tabIndex={-1} ref={ref}>
      {title && <h2 class="alert-title">{title}</h2>}
      {children}
    </div>
  );
}

/** A failure, worded for what the user can do. Unreachable and unavailable look different from "not found". */
export function Failure({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const failure = error instanceof ApiError ? error : new ApiError('problem', 0, undefined, String((error as Error)?.message ?? error));
  const offline = failure.kind !== 'problem';
  return (
    <div class={offline ? 'alert alert-offline' : 'alert alert-error'} role="alert">
      <h2 class="alert-title">{offline ? 'Cannot reach the service' : failure.problem?.title ?? 'That did not work'}</h2>
      <p>{failure.message}</p>
      {failure.status === 401
        ? <button type="button" class="button" onClick={() => location.reload()}>Sign in again</button>
        : onRetry && <button type="button" class="button button-secondary" onClick={onRetry}>Try again</button>}
    </div>
  );
}

export function ErrorSummary({ errors, labels }: { errors: Map<string, string>; labels: Record<string, [string, string]> }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [errors]);
  if (errors.size === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {[...errors].map(([field, message]) => {
          const [id, label] = labels[field] ?? ['', field];
          return <li>{id ? <a href={`#${id}`} onClick={(e) => { e.preventDefault(); document.getElementById(id)?.focus(); }}>{label}: {message}</a> : `${label}: ${message}`}</li>;
        })}
      </ul>
    </div>
  );
}

/** Content that needs a signed-in person of the given kind; offers the issuer's sign-in otherwise. */
export function SignedIn({ audience, children, what }: { audience: Audience; children: ComponentChildren; what: string }) {
  const current = session(audience);
  if (current) return <>{children}</>;
  return (
    <section class="card" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in to {what}</h2>
      <p>{audience === 'staff'
        ? 'Staff sign in with their NHS smartcard (CIS2). Locally, you choose a demo member of staff.'
        : 'Sign in with NHS login. Locally, you choose a demo patient.'}</p>
      <button type="button" class="button" onClick={() => void signIn(audience, location.pathname + location.search)}>
        Sign in {audience === 'staff' ? 'with CIS2' : 'with NHS login'}
      </button>
    </section>
  );
}

export function WhoIsSignedIn({ audience }: { audience: Audience }) {
  const current = session(audience);
  if (!current) return null;
  return (
    <p class="signed-in-as">
      Signed in as <strong>{current.name}</strong>{' '}
      <button type="button" class="link-button" onClick={() => { signOut(audience); navigate('/'); }}>Sign out</button>
    </p>
  );
}

export function Layout({ children }: { children: ComponentChildren }) {
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.querySelector<HTMLElement>('main h1')?.focus(); }}>Skip to main content</a>
      <header class="header">
        <div class="container header-inner">
          <a class="brand" href="/">Open UCP</a>
          <nav aria-label="Services">
            <ul class="nav">
              <li><a href="/crisis">Crisis view</a></li>
              <li><a href="/clinician">Clinician</a></li>
              <li><a href="/patient">My plan</a></li>
              <li><a href="/proxy">Proxy</a></li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" class="container">{children}</main>
      <footer class="footer">
        <div class="container">
          <a href="/accessibility">Accessibility statement</a> · Demo data only
        </div>
      </footer>
    </>
  );
}

export function Tel({ number }: { number: string | null | undefined }): JSX.Element {
  if (!number) return <span>no telephone recorded</span>;
  return <a class="tel" href={`tel:${number.replace(/[^+\d]/g, '')}`}>{number}</a>;
}
