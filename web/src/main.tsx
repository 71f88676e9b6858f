import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { completeSignIn } from './auth';
import { loadConfig } from './config';
import { ClinicianHome, ClinicianPlan } from './pages/clinician';
import { CrisisPlan, CrisisSearch } from './pages/crisis';
import { AccessibilityStatement, Home } from './pages/home';
import { PatientPortal } from './pages/patient';
import { ProxyHome, ProxyInvitation, ProxyPlan } from './pages/proxy';
import { match, navigate, onLinkClick, useLocation } from './router';
import './styles.css';
import { Layout, PageHeading } from './ui';

function SigningIn() {
  const [error, setError] = useState<string>();
  useEffect(() => {
    completeSignIn().then((next) => navigate(next, true), (e: Error) => setError(e.message));
  }, []);
  return (
    <>
      <PageHeading>Signing in</PageHeading>
      {error ? <div class="alert alert-error" role="alert"><p>{error}</p><p><a href="/">Start again</a></p></div> : <p role="status">One moment…</p>}
    </>
  );
}

function App() {
  const url = useLocation();
  const path = url.pathname;
  useEffect(() => {
    document.title = `${titleFor(path)} – Open UCP`;
  }, [path]);
  let page;
  let params: Record<string, string> | undefined;
  if (path === '/signed-in') page = <SigningIn />;
  else if (path === '/crisis') page = <CrisisSearch />;
  else if ((params = match('/crisis/patients/:nhs', path))) page = <CrisisPlan nhs={params['nhs']!} />;
  else if (path === '/clinician') page = <ClinicianHome />;
  else if ((params = match('/clinician/plans/:nhs', path))) page = <ClinicianPlan nhs={params['nhs']!} />;
  else if (path === '/patient') page = <PatientPortal />;
  else if (path === '/proxy/invitation') page = <ProxyInvitation />;
  else if (path === '/proxy') page = <ProxyHome />;
  else if ((params = match('/proxy/patients/:id', path))) page = <ProxyPlan id={params['id']!} />;
  else if (path === '/accessibility') page = <AccessibilityStatement />;
  else if (path === '/') page = <Home />;
  else page = <><PageHeading>Page not found</PageHeading><p>There is no page at this address. <a href="/">Go to the start</a>.</p></>;
  return <Layout key={path}>{page}</Layout>;
}

function titleFor(path: string): string {
  if (path.startsWith('/crisis')) return 'Crisis view';
  if (path.startsWith('/clinician')) return 'Clinician';
  if (path.startsWith('/patient')) return 'My urgent care plan';
  if (path.startsWith('/proxy')) return 'Proxy access';
  if (path === '/accessibility') return 'Accessibility statement';
  return 'Urgent care plans';
}

const root = document.getElementById('app')!;
document.addEventListener('click', onLinkClick);
loadConfig().then(
  () => render(<App />, root),
  (e: Error) => render(<main class="container"><h1>Open UCP cannot start</h1><p>{e.message}</p></main>, root),
);
