import { useEffect, useState } from 'preact/hooks';
import { ApiError, itemsOf, portal, run } from '../api';
import { dateTime, nhsNumber } from '../format';
import { PlanContentView } from '../plan-view';
import { navigate } from '../router';
import type { PatientPlan, ProxyFor } from '../types';
import { ErrorSummary, Failure, Field, PageHeading, SignedIn, WhoIsSignedIn } from '../ui';

const INVITATION = 'openucp.invitation';

/**
 * The page the invitation email links to (portal.proxies.invitation-url). The link's token is moved out of the
 * address at once (kept in this tab's sessionStorage through sign-in), so that it stays out of history and logs.
 */
export function ProxyInvitation() {
  const fromLink = new URLSearchParams(location.search).get('token');
  if (fromLink) {
    sessionStorage.setItem(INVITATION, fromLink);
    history.replaceState(null, '', '/proxy/invitation');
  }
  const token = sessionStorage.getItem(INVITATION);
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [patientNhsNumber, setPatientNhsNumber] = useState('');
  const [errors, setErrors] = useState(new Map<string, string>());
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const accept = async (event: Event) => {
    event.preventDefault();
    const missing = new Map<string, string>();
    if (!dateOfBirth) missing.set('dateOfBirth', 'Enter your date of birth');
    if (!/^\d{10}$/.test(patientNhsNumber.replace(/\s/g, ''))) missing.set('patientNhsNumber', "Enter the patient's 10-digit NHS number");
    setErrors(missing); setFailure(undefined);
    if (missing.size > 0 || !token) return;
    setBusy(true);
    try {
      await run<ProxyFor>(portal().POST('/v1/proxy-invitations/acceptance', {
        body: { token, dateOfBirth, patientNhsNumber: patientNhsNumber.replace(/\s/g, '') },
      }));
      sessionStorage.removeItem(INVITATION);
      navigate('/proxy');
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) {
        setFailure(new ApiError('problem', 403, { title: 'We could not confirm this invitation' },
          'The details do not match the invitation, or the link has been used, has expired or is locked. Check them with the person who invited you.'));
      } else {
        setFailure(e);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading>Accept an invitation to read a plan</PageHeading>
      {!token ? (
        <div class="alert alert-info" role="status"><p>Open the link in the invitation email to start. If you already accepted, go to <a href="/proxy">the patients you may read for</a>.</p></div>
      ) : (
        <SignedIn audience="patient" what="accept the invitation (sign in as yourself, not as the patient)">
          <WhoIsSignedIn audience="patient" />
          <p>Someone named you to read their urgent care plan. To be sure it is you, confirm your date of birth and their NHS number.</p>
          <ErrorSummary errors={errors} labels={{ dateOfBirth: ['your-dob', 'Your date of birth'], patientNhsNumber: ['patient-nhs', "The patient's NHS number"] }} />
          {failure !== undefined && <Failure error={failure} />}
          <form class="card" onSubmit={accept} noValidate>
            <Field id="your-dob" label="Your date of birth" type="date" value={dateOfBirth} onInput={setDateOfBirth} required width="medium" error={errors.get('dateOfBirth')} />
            <Field id="patient-nhs" label="The patient's NHS number" hint="10 digits, for example 943 476 5919" inputMode="numeric" value={patientNhsNumber} onInput={setPatientNhsNumber} required width="medium" error={errors.get('patientNhsNumber')} />
            <button class="button" type="submit" disabled={busy}>Confirm</button>
          </form>
        </SignedIn>
      )}
    </>
  );
}

export function ProxyHome() {
  return (
    <>
      <PageHeading>Plans I may read</PageHeading>
      <SignedIn audience="patient" what="read the plans of people who named you">
        <WhoIsSignedIn audience="patient" />
        <ProxyPatients />
      </SignedIn>
    </>
  );
}

function ProxyPatients() {
  const [patients, setPatients] = useState<ProxyFor[]>();
  const [failure, setFailure] = useState<unknown>();
  useEffect(() => {
    itemsOf<ProxyFor>(portal().GET('/v1/proxy/patients')).then((data) => setPatients(data), setFailure);
  }, []);
  return (
    <>
        {failure !== undefined && <Failure error={failure} />}
        {patients && patients.length === 0 && <p class="card">Nobody has named you yet. Open the link in your invitation email to accept one.</p>}
        {patients && patients.length > 0 && (
          <ul class="candidates">
            {patients.map((p) => (
              <li><a class="candidate" href={`/proxy/patients/${p.id}`}><strong>Plan of NHS number {nhsNumber(p.patientNhsNumber)}</strong><span>You may read it since {dateTime(p.since)}</span></a></li>
            ))}
          </ul>
        )}
    </>
  );
}

export function ProxyPlan({ id }: { id: string }) {
  return (
    <>
      <PageHeading>Urgent care plan</PageHeading>
      <SignedIn audience="patient" what="read this plan">
        <WhoIsSignedIn audience="patient" />
        <ProxyPlanContent id={id} />
        <p><a href="/proxy">Back to the plans I may read</a></p>
      </SignedIn>
    </>
  );
}

function ProxyPlanContent({ id }: { id: string }) {
  const [plan, setPlan] = useState<PatientPlan | null>();
  const [failure, setFailure] = useState<unknown>();
  useEffect(() => {
    run<PatientPlan>(portal().GET('/v1/proxy/patients/{id}/plan', { params: { path: { id } } })).then(({ data }) => setPlan(data), (e) => {
      if (e instanceof ApiError && e.status === 404) setPlan(null); else setFailure(e);
    });
  }, [id]);
  return (
    <>
        {failure !== undefined && <Failure error={failure} />}
        {plan === null && <p class="card">There is no published plan to read yet.</p>}
        {plan && (
          <>
            <p>Version {plan.version}, published {dateTime(plan.publishedAt)} by {plan.publishedBy} ({plan.organisation}).</p>
            {plan.content && <PlanContentView content={plan.content} />}
          </>
        )}
    </>
  );
}
