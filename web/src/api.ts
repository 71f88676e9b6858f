import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as ClinicalPaths } from './api/clinical';
import type { paths as PortalPaths } from './api/portal';
import { accessToken, signOut, type Audience } from './auth';
import { config } from './config';

/** An RFC 9457 problem as both services send it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { field?: string; message?: string }[];
}

/**
 * Why a call failed, in the words a user needs: the service could not be reached at all, the service said it is
 * unavailable, or it answered with a problem (404, 412, 422 …).
 */
export class ApiError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'unavailable' | 'problem',
    readonly status: number,
    readonly problem: Problem | undefined,
    message: string,
  ) {
    super(message);
  }

  get fieldErrors(): Map<string, string> {
    const errors = new Map<string, string>();
    for (const error of this.problem?.errors ?? []) {
      if (error.field) errors.set(error.field, error.message ?? 'is not valid');
    }
    return errors;
  }
}

function authorised(audience: Audience): Middleware {
  return {
    onRequest({ request }) {
      const token = accessToken(audience);
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
    onResponse({ response }) {
      // The token was refused (expired, or the issuer's keys changed): forget it, so the page offers sign-in.
      if (response.status === 401) signOut(audience);
      return response;
    },
  };
}

let clients: { clinical: ReturnType<typeof createClient<ClinicalPaths>>; portal: ReturnType<typeof createClient<PortalPaths>> } | undefined;

function made() {
  if (!clients) {
    const clinical = createClient<ClinicalPaths>({ baseUrl: config().clinicalApi });
    clinical.use(authorised('staff'));
    const portal = createClient<PortalPaths>({ baseUrl: config().portalApi });
    portal.use(authorised('patient'));
    clients = { clinical, portal };
  }
  return clients;
}

/** The clinical API, signed in as the member of staff. */
export const clinical = () => made().clinical;
/** The portal API, signed in as the patient or proxy. */
export const portal = () => made().portal;

export interface Answer<T> {
  data: T;
  response: Response;
  etag: string | undefined;
}

/** Awaits a typed call and turns every failure into an {@link ApiError}. */
export async function run<T>(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<Answer<T>> {
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError('unreachable', 0, undefined,
      'Cannot reach the service. Check the connection and try again; this says nothing about whether a plan exists.');
  }
  const { response } = result;
  if (response.ok) {
    return { data: result.data as T, response, etag: response.headers.get('ETag') ?? undefined };
  }
  const problem = (typeof result.error === 'object' ? result.error : undefined) as Problem | undefined;
  if (response.status === 502 || response.status === 503 || response.status === 504) {
    throw new ApiError('unavailable', response.status, problem,
      'The service is unavailable right now. Try again shortly; this says nothing about whether a plan exists.');
  }
  if (response.status === 412) {
    throw new ApiError('problem', 412, problem,
      'Someone else saved first. Your changes are still in the form: reload to see theirs, then re-apply yours.');
  }
  if (response.status === 401) {
    throw new ApiError('problem', 401, problem, 'Your sign-in has ended. Sign in again.');
  }
  throw new ApiError('problem', response.status, problem,
    problem?.detail ?? problem?.title ?? `The service answered ${response.status}.`);
}

/**
 * Awaits a list operation and gives its items. Every list of both APIs answers one page ({ items, total, links });
 * the apps' lists are short enough to come whole in the first page.
 */
export async function itemsOf<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T[]> {
  return (await run<{ items: T[] }>(call)).data.items;
}

/** Fetches a binary document with the staff token and opens it; an address with a token in it is never made. */
export async function openDocument(path: string, audience: Audience = 'staff'): Promise<void> {
  const base = audience === 'staff' ? config().clinicalApi : config().portalApi;
  const token = accessToken(audience);
  let response: Response;
  try {
    response = await fetch(new URL(path, base), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError('unreachable', 0, undefined, 'Cannot reach the service to fetch the document.');
  }
  if (!response.ok) throw new ApiError('problem', response.status, undefined, `The document could not be fetched (${response.status}).`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.target = '_blank';
  link.rel = 'noopener';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
