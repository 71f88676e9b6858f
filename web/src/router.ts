import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

/** Goes to an app route without reloading, and moves focus to the new page's heading. */
export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  listeners.forEach((listener) => listener());
}

export function useLocation(): URL {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((tick) => tick + 1);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return new URL(location.href);
}

/** Matches `/a/:b` patterns; returns the parameters or undefined. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.replace(/\/$/, '').split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(got[i]!);
    else if (part !== got[i]) return undefined;
  }
  return params;
}

/** Same-origin links go through the router; modified clicks keep the browser's meaning. */
export function onLinkClick(event: MouseEvent): void {
  const target = (event.target as Element | null)?.closest('a');
  if (!target || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const href = target.getAttribute('href');
  if (!href || !href.startsWith('/') || target.target || target.hasAttribute('download')) return;
  event.preventDefault();
  navigate(href);
}
