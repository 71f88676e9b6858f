import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, clinical, openDocument, run } from '../api';
import { session } from '../auth';
import { age, date, dateTime, nhsNumber, words } from '../format';
import { navigate } from '../router';
import type { CrisisView, SearchResult } from '../types';
import { Failure, Field, PageHeading, SignedIn, Tel, WhoIsSignedIn } from '../ui';

const REASON = 'openucp.crisis.reason';
/** A search's single match arrives with its crisis view: shown as it is, not looked up (and audited) a second time. */
const found = new Map<string, CrisisView>();

/** Find a published plan by NHS number or by family name and date of birth (and postcode). */
export function CrisisSearch() {
  const [number, setNumber] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [postcode, setPostcode] = useState('');
  const [reason, setReason] = useState(sessionStorage.getItem(REASON) ?? '');
  const [numberError, setNumberError] = useState<string>();
  const [searchError, setSearchError] = useState<string>();
  const [result, setResult] = useState<SearchResult>();
  const [notFound, setNotFound] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const remember = () => sessionStorage.setItem(REASON, reason);

  const byNumber = (event: Event) => {
    event.preventDefault();
    const digits = number.replace(/\s/g, '');
    if (!/^\d{10}$/.test(digits)) {
      setNumberError('Enter the 10-digit NHS number, like 943 476 5919');
      return;
    }
    setNumberError(undefined);
    remember();
    navigate(`/crisis/patients/${digits}`);
  };

  const byDemographics = async (event: Event) => {
    event.preventDefault();
    setResult(undefined); setNotFound(false); setFailure(undefined);
    if (!familyName.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) {
      setSearchError('Enter the family name and the full date of birth');
      return;
    }
    setSearchError(undefined);
    remember();
    setBusy(true);
    try {
      const { data } = await run<SearchResult>(clinical().GET('/v1/urgent-care/patients', {
        params: { query: { familyName, dateOfBirth, ...(postcode.trim() ? { postcode } : {}) } },
      }));
      if (data.matches === 1 && data.plan) {
        const number = data.plan.identity?.nhsNumber ?? '';
        found.set(number, data.plan);
        navigate(`/crisis/patients/${number}`);
      } else {
        setResult(data);
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setNotFound(true);
      else setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading>Crisis view: find a patient's plan</PageHeading>
      <SignedIn audience="staff" what="find a patient's urgent care plan">
        <WhoIsSignedIn audience="staff" />
        <Field id="reason" label="Why you are looking" hint="Kept in the audit trail, for example 999 call or 111 call"
          value={reason} onInput={setReason} width="medium" />
        <form class="card" onSubmit={byNumber} aria-labelledby="by-number" noValidate>
          <h2 id="by-number">By NHS number</h2>
          <Field id="nhs-number" label="NHS number" hint="10 digits, for example 943 476 5919" value={number}
            onInput={setNumber} inputMode="numeric" required width="medium" error={numberError} />
          <button class="button" type="submit">Find plan</button>
        </form>
        <form class="card" onSubmit={byDemographics} aria-labelledby="by-details" noValidate>
          <h2 id="by-details">By name and date of birth</h2>
          {searchError && <p class="error-message" role="alert">{searchError}</p>}
          <Field id="family-name" label="Family name" value={familyName} onInput={setFamilyName} required width="medium" />
          <Field id="date-of-birth" label="Date of birth" type="date" value={dateOfBirth} onInput={setDateOfBirth} required width="medium" />
          <Field id="postcode" label="Postcode" value={postcode} onInput={setPostcode} width="short" />
          <button class="button" type="submit" disabled={busy}>{busy ? 'Searching…' : 'Search'}</button>
        </form>
        <div aria-live="polite">
          {notFound && <NoPlan />}
          {failure !== undefined && <Failure error={failure} />}
          {result && (result.matches ?? 0) > 1 && (
            <section class="card" aria-labelledby="choose">
              <FocusedHeading id="choose">{result.matches} people match: choose the right person</FocusedHeading>
              <p>Check the date of birth, postcode and NHS number with the patient or caller before opening a plan.</p>
              <ul class="candidates">
                {(result.candidates ?? []).map((candidate) => (
                  <li>
                    <a class="candidate" href={`/crisis/patients/${candidate.nhsNumber}`}>
                      <strong>{candidate.givenName} {candidate.familyName}</strong>
                      <span>Born {date(candidate.dateOfBirth)} · {candidate.postcode ?? 'no postcode'} · NHS number {nhsNumber(candidate.nhsNumber)}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </SignedIn>
    </>
  );
}

/** The heading of search results: takes focus, so that a phone user is taken to them (and hears them). */
function FocusedHeading({ id, children }: { id: string; children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return <h2 id={id} tabIndex={-1} ref={ref}>{children}</h2>;
}

function NoPlan({ number, heading = true }: { number?: string; heading?: boolean }) {
  return (
    <div class="alert alert-info" role="status">
      {heading && <FocusedHeading id="no-plan">No plan found</FocusedHeading>}
      <p>The service answered: there is no published urgent care plan{number ? ` for NHS number ${nhsNumber(number)}` : ' for these details'}.
        Treat the patient as you would anyone without a plan.</p>
    </div>
  );
}

/** The one screen a crew reads: who, CPR and ceiling of treatment first, review status you cannot miss. */
export function CrisisPlan({ nhs }: { nhs: string }) {
  if (session('staff')) return <CrisisPlanLoader nhs={nhs} />;
  return (
    <>
      <PageHeading>Urgent care plan</PageHeading>
      <SignedIn audience="staff" what="read this patient's plan">{null}</SignedIn>
    </>
  );
}

function CrisisPlanLoader({ nhs }: { nhs: string }) {
  const [view, setView] = useState<CrisisView>();
  const [failure, setFailure] = useState<unknown>();
  const [tick, setTick] = useState(0);

  useEffect(() => {
    setView(undefined); setFailure(undefined);
    const fromSearch = found.get(nhs);
    if (fromSearch && tick === 0) {
      found.delete(nhs);
      setView(fromSearch);
      return;
    }
    const reason = sessionStorage.getItem(REASON) || 'Urgent care lookup';
    run<CrisisView>(clinical().GET('/v1/urgent-care/patients/{nhsNumber}', {
      params: { path: { nhsNumber: nhs }, header: { 'X-Access-Reason': reason } },
    })).then(({ data }) => setView(data), setFailure);
  }, [nhs, tick]);

  const notFound = failure instanceof ApiError && failure.status === 404;
  return (
    <>
      {!view && !failure && <><PageHeading>Urgent care plan</PageHeading><p role="status">Loading the plan…</p></>}
      {failure !== undefined && (
        <>
          <PageHeading>{notFound ? 'No plan found' : 'Cannot show the plan'}</PageHeading>
          {notFound ? <NoPlan number={nhs} heading={false} /> : <Failure error={failure} onRetry={() => setTick(tick + 1)} />}
          <p><a href="/crisis">Search again</a></p>
        </>
      )}
      {view && <CrisisScreen view={view} />}
    </>
  );
}

function CrisisScreen({ view }: { view: CrisisView }) {
  const identity = view.identity ?? {};
  const cpr = view.cpr;
  const banner = view.banner ?? {};
  const notRecommended = cpr?.decision === 'CPR_NOT_RECOMMENDED';
  const [docFailure, setDocFailure] = useState<unknown>();
  const open = (path: string | null | undefined) => {
    if (path) openDocument(path).catch(setDocFailure);
  };
  return (
    <article class="crisis" aria-labelledby="patient-name">
      <section class="identity-banner" aria-label="Patient">
        <PageHeading><span id="patient-name">{identity.name}</span></PageHeading>
        {identity.preferredName && <p>Known as <strong>{identity.preferredName}</strong></p>}
        <dl class="identity-list">
          <div><dt>Born</dt><dd>{date(identity.dateOfBirth)} ({age(identity.dateOfBirth)})</dd></div>
          <div><dt>NHS number</dt><dd>{nhsNumber(identity.nhsNumber)}</dd></div>
          <div><dt>Address</dt><dd>{identity.address} {identity.postcode}</dd></div>
        </dl>
      </section>

      <section class={banner.reviewOverdue ? 'review review-overdue' : 'review review-current'} aria-label="Review status" role={banner.reviewOverdue ? 'alert' : undefined}>
        {banner.reviewOverdue
          ? <p><strong>REVIEW OVERDUE</strong>: this plan was due for review on {date(banner.plannedReviewDate)}. It may be out of date.</p>
          : <p><strong>Reviewed</strong> {dateTime(banner.lastReviewed)}; next review by {date(banner.plannedReviewDate)}.</p>}
      </section>

      <section class={`decision cpr ${notRecommended ? 'cpr-not' : 'cpr-yes'}${cpr?.expired ? ' cpr-expired' : ''}`} aria-labelledby="cpr-title">
        <h2 id="cpr-title">CPR decision</h2>
        {cpr?.decision ? (
          <>
            <p class="decision-value">{cpr.expired ? 'EXPIRED: ' : ''}{cpr.display ?? words(cpr.decision)}</p>
            {cpr.expired && <p><strong>This decision passed its review date ({date(cpr.reviewDate)}); it is not current.</strong></p>}
            <p>Decided {date(cpr.decidedOn)} by {cpr.decidedBy ?? 'not recorded'}{cpr.decidedByRole ? ` (${cpr.decidedByRole})` : ''}.
              Discussed with the patient: {cpr.discussedWithPatient ? 'yes' : 'no'}; with family or carer: {cpr.discussedWithFamilyOrCarer ? 'yes' : 'no'}.</p>
            {cpr.formKept && <p>Signed form: {cpr.formKept}</p>}
          </>
        ) : <p class="decision-value">No CPR decision recorded</p>}
      </section>

      <section class="decision ceiling" aria-labelledby="ceiling-title">
        <h2 id="ceiling-title">Ceiling of treatment</h2>
        <p class="decision-value">{words(view.treatment?.ceiling)}</p>
        {view.treatment?.recommendations && <p>{view.treatment.recommendations}</p>}
      </section>

      <section class="card" aria-labelledby="adrt-title">
        <h2 id="adrt-title">Advance decision to refuse treatment (ADRT)</h2>
        {view.adrt?.present ? (
          <>
            <p>{view.adrt.decision}</p>
            <p>Made {date(view.adrt.madeOn)}. {view.adrt.documentLocation ? `Kept: ${view.adrt.documentLocation}.` : ''}</p>
            {view.adrt.documentLink && <button type="button" class="button button-secondary" onClick={() => open(view.adrt?.documentLink)}>Open the ADRT document</button>}
          </>
        ) : <p>No ADRT recorded.</p>}
      </section>

      {(view.representation?.attorneys ?? []).length > 0 && (
        <section class="card" aria-labelledby="lpa-title">
          <h2 id="lpa-title">Lasting power of attorney (health and welfare)</h2>
          <ul>{(view.representation?.attorneys ?? []).map((a) => <li><strong>{a.name}</strong>{a.relationship ? ` (${a.relationship})` : ''}: {a.coversLifeSustainingTreatment ? 'may decide about life-sustaining treatment' : 'does not cover life-sustaining treatment'}. <Tel number={a.telephone} /></li>)}</ul>
        </section>
      )}

      <section class="card" aria-labelledby="contacts-title">
        <h2 id="contacts-title">Contacts</h2>
        <ul class="contacts">
          {(view.contacts ?? []).map((contact) => (
            <li><strong>{contact.name}</strong> ({contact.role}{contact.relationship ? `, ${contact.relationship}` : ''}) <Tel number={contact.telephone} /></li>
          ))}
        </ul>
      </section>

      <section class="card" aria-labelledby="prefs-title">
        <h2 id="prefs-title">What matters and where</h2>
        {view.preferences?.whatMattersToMe && <p>“{view.preferences.whatMattersToMe}”</p>}
        <p>Preferred place of care: {words(view.preferences?.placeOfCare)}. Place of death: {words(view.preferences?.placeOfDeath)}, then {words(view.preferences?.secondPlaceOfDeath)}.</p>
      </section>

      <section class="card" aria-labelledby="meds-title">
        <h2 id="meds-title">Allergies and medicines</h2>
        <p>{view.medicines?.noKnownAllergies ? 'No known allergies.' : (view.medicines?.allergies ?? []).map((a) => `${a.substance}${a.reaction ? ` (${a.reaction})` : ''}`).join('; ') || 'Allergies not recorded.'}</p>
        {(view.medicines?.keyMedicines ?? []).length > 0 && <ul>{(view.medicines?.keyMedicines ?? []).map((m) => <li>{m.name} {m.dose}</li>)}</ul>}
        {view.medicines?.anticipatory?.prescribed && <p>Anticipatory medicines: {view.medicines.anticipatory.details} (kept: {view.medicines.anticipatory.whereKept ?? 'not recorded'})</p>}
      </section>

      <section class="card provenance" aria-labelledby="version-title">
        <h2 id="version-title">About this plan</h2>
        <p>Version {banner.version}, published {dateTime(banner.publishedAt)} by {banner.publishedBy} ({banner.publishedByRole}), {banner.organisationName} ({banner.organisation}).</p>
        <p><strong>{banner.legalStatus}</strong></p>
        {view.links?.printable && <button type="button" class="button button-secondary" onClick={() => open(view.links?.printable)}>Open the printable plan (PDF)</button>}
        {docFailure !== undefined && <Failure error={docFailure} />}
      </section>
      <p><a href="/crisis">Find another patient</a></p>
    </article>
  );
}
