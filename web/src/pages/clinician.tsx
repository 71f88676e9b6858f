import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, clinical, itemsOf, openDocument, run } from '../api';
import { session } from '../auth';
import { dateTime, nhsNumber, words } from '../format';
import { PlanContentView } from '../plan-view';
import { navigate } from '../router';
import type { ConsentRequest, ConsentView, InboxItem, InboxPage, PlanContent, PlanDraft, PlanSummary, Publication, PublishedView, VersionStamp } from '../types';
import { ErrorSummary, Failure, FocusedAlert, Field, PageHeading, Select, SignedIn, TextArea, WhoIsSignedIn } from '../ui';

const BASES: [string, string][] = ['EXPLICIT_CONSENT', 'BEST_INTERESTS_DECISION', 'LPA_HOLDER', 'PARENT_OR_GUARDIAN'].map((b) => [b, words(b)]);
const PLACES: [string, string][] = ['HOME', 'CARE_HOME', 'HOSPICE', 'HOSPITAL', 'OTHER', 'UNDECIDED'].map((p) => [p, words(p)]);
const CEILINGS: [string, string][] = ['FULL_ESCALATION', 'SELECTIVE_TREATMENT', 'SYMPTOMATIC_COMFORT_CARE'].map((p) => [p, words(p)]);
const CPR: [string, string][] = ['CPR_RECOMMENDED', 'CPR_NOT_RECOMMENDED'].map((p) => [p, words(p)]);

function organisation(): string {
  const claims = session('staff')?.claims ?? {};
  const roles = (claims['nhsid_nrbac_roles'] as { person_roleid?: string; org_code?: string }[] | undefined) ?? [];
  return roles.find((role) => role.person_roleid === claims['selected_roleid'])?.org_code ?? '';
}

export function ClinicianHome() {
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string>();
  const open = (event: Event) => {
    event.preventDefault();
    const digits = number.replace(/\s/g, '');
    if (!/^\d{10}$/.test(digits)) { setError('Enter the 10-digit NHS number'); return; }
    navigate(`/clinician/plans/${digits}`);
  };
  return (
    <>
      <PageHeading>Clinician</PageHeading>
      <SignedIn audience="staff" what="work on your patients' plans">
        <WhoIsSignedIn audience="staff" />
        <form class="card" onSubmit={open} noValidate>
          <h2>Open a patient's plan</h2>
          <Field id="open-nhs" label="NHS number" inputMode="numeric" value={number} onInput={setNumber} required width="medium" error={error} />
          <button class="button" type="submit">Open plan</button>
        </form>
        <Inbox />
      </SignedIn>
    </>
  );
}

function Inbox() {
  const [items, setItems] = useState<InboxItem[]>();
  const [total, setTotal] = useState<number>();
  const [failure, setFailure] = useState<unknown>();
  const [basis, setBasis] = useState<Record<string, string>>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    run<InboxPage>(clinical().GET('/v1/intake/submitted-drafts')).then(({ data }) => {
      setItems(data.items);
      setTotal(data.total);
    }, setFailure);
  }, [tick]);
  const claim = async (item: InboxItem) => {
    if (!item.id) return;
    setFailure(undefined);
    const chosen = basis[item.id];
    try {
      const { data } = await run<InboxItem>(clinical().POST('/v1/intake/submitted-drafts/{id}/claim', {
        params: { path: { id: item.id } },
        body: chosen ? { consent: { basis: chosen as ConsentRequest['basis'] } } : {},
      }));
      navigate(`/clinician/plans/${data.draft?.nhsNumber ?? item.draft?.nhsNumber ?? ''}`);
    } catch (e) {
      setFailure(e instanceof ApiError && e.status === 422 && !chosen
        ? new ApiError('problem', 422, e.problem, 'This patient has no plan yet: record the basis of their consent, then take it in.')
        : e);
      setTick((t) => t + 1);
    }
  };
  return (
    <section aria-labelledby="inbox-title">
      <h2 id="inbox-title">Submissions from patients to {organisation() || 'your organisation'}</h2>
      {failure !== undefined && <Failure error={failure} />}
      {items && items.length === 0 && <p class="card">Nothing waiting.</p>}
      {items && total !== undefined && total > items.length && (
        <p>The oldest {items.length} of {total} waiting: take these in to see the rest.</p>
      )}
      {items && items.length > 0 && (
        <ul class="inbox">
          {items.map((item) => (
            <li class="card">
              <h3>NHS number {nhsNumber(item.draft?.nhsNumber)}</h3>
              <p>Received {dateTime(item.receivedAt)} · postcode {item.draft?.postcode} · prefers {words(item.draft?.preferredPlaceOfCare)}</p>
              {item.draft?.thoughtsAboutFutureCare && <p>“{item.draft.thoughtsAboutFutureCare}”</p>}
              {item.draft?.keySupporter && <p>Key supporter: {item.draft.keySupporter.name}, {item.draft.keySupporter.phone}</p>}
              <Select id={`basis-${item.id}`} label="Consent basis, if the patient has no plan yet" value={(item.id && basis[item.id]) || ''}
                onInput={(value) => setBasis({ ...basis, [item.id ?? '']: value })} options={BASES} />
              <button type="button" class="button" onClick={() => claim(item)}>Take into the patient's plan<span class="visually-hidden"> ({nhsNumber(item.draft?.nhsNumber)})</span></button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ClinicianPlan({ nhs }: { nhs: string }) {
  return (
    <>
      <PageHeading>Plan for NHS number {nhsNumber(nhs)}</PageHeading>
      <SignedIn audience="staff" what="work on this plan">
        <WhoIsSignedIn audience="staff" />
        <PlanWorkspace nhs={nhs} />
      </SignedIn>
    </>
  );
}

type Path = string;
function get(content: PlanContent, path: Path): string {
  let value: unknown = content;
  for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  return value === undefined || value === null ? '' : String(value);
}
function set(content: PlanContent, path: Path, value: string): PlanContent {
  const copy = structuredClone(content) as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) {
    node[key] = { ...((node[key] as Record<string, unknown> | undefined) ?? {}) };
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value === '' ? null : value;
  return copy as PlanContent;
}

/** The form's fields: path in the plan, label, kind. */
const SECTIONS: { legend: string; fields: [Path, string, 'text' | 'date' | 'tel' | 'textarea' | [string, string][]][] }[] = [
  { legend: 'Person', fields: [['person.givenName', 'Given name', 'text'], ['person.familyName', 'Family name', 'text'], ['person.preferredName', 'Preferred name', 'text'],
    ['person.dateOfBirth', 'Date of birth', 'date'], ['person.address', 'Address', 'text'], ['person.postcode', 'Postcode', 'text'], ['person.telephone', 'Telephone', 'tel']] },
  { legend: 'GP', fields: [['gp.name', 'GP name', 'text'], ['gp.practiceName', 'Practice', 'text'], ['gp.practiceCode', 'Practice ODS code', 'text'], ['gp.telephone', 'Practice telephone', 'tel']] },
  { legend: 'Diagnoses', fields: [['diagnoses.primaryEndOfLifeDiagnosis', 'Primary diagnosis', 'text']] },
  { legend: 'CPR decision', fields: [['cpr.decision', 'CPR recommendation', CPR], ['cpr.decidedOn', 'Decided on', 'date'], ['cpr.decisionMaker', 'Decided by', 'text'],
    ['cpr.decisionMakerRole', 'Their role', 'text'], ['cpr.whereDocumented', 'Where the signed form is kept', 'text'], ['cpr.reviewDate', 'CPR decision review date', 'date']] },
  { legend: 'Ceiling of treatment', fields: [['ceilingOfTreatment', 'Ceiling of treatment', CEILINGS], ['otherTreatmentRecommendations', 'Other recommendations', 'textarea']] },
  { legend: 'Preferences', fields: [['whatMattersToMe', 'What matters to me', 'textarea'], ['preferences.preferredPlaceOfCare', 'Preferred place of care', PLACES],
    ['preferences.preferredPlaceOfDeath', 'Preferred place of death', PLACES], ['preferences.secondPreferredPlaceOfDeath', 'Second preferred place of death', PLACES]] },
  { legend: 'Contacts', fields: [['mainCarer.name', 'Main carer', 'text'], ['mainCarer.relationship', 'Relationship', 'text'], ['mainCarer.telephone', 'Main carer telephone', 'tel'],
    ['keyWorker.name', 'Key worker', 'text'], ['keyWorker.role', 'Key worker role', 'text'], ['keyWorker.telephone', 'Key worker telephone', 'tel']] },
  { legend: 'Review', fields: [['plannedReviewDate', 'Planned review date', 'date']] },
];

/** What publication needs (the rest may stay empty); a draft saves with anything. */
const NEEDED_TO_PUBLISH = new Set(['person.givenName', 'person.familyName', 'person.dateOfBirth', 'person.address', 'gp.name', 'gp.practiceName',
  'diagnoses.primaryEndOfLifeDiagnosis', 'plannedReviewDate']);

const idOf = (path: Path) => `f-${path.replace(/\./g, '-')}`;
const ROOTS = ['person', 'gp', 'diagnoses', 'cpr', 'ceilingOfTreatment', 'otherTreatmentRecommendations', 'whatMattersToMe', 'preferences', 'mainCarer', 'keyWorker', 'plannedReviewDate', 'consent'];

/** A problem's field name as a form path: strips parameter prefixes, maps summary names to the first field they cover. */
function toPath(field: string): Path {
  const parts = field.split('.');
  const start = parts.findIndex((part) => ROOTS.includes(part));
  const path = start >= 0 ? parts.slice(start).join('.') : field;
  if (path === 'person.name') return 'person.givenName';
  if (path === 'person.address') return 'person.address';
  if (path === 'gp') return 'gp.name';
  return path;
}

const LABELS: Record<string, [string, string]> = Object.fromEntries(
  SECTIONS.flatMap((s) => s.fields).map(([path, label]) => [path, [idOf(path), label]]),
);
LABELS['consent'] = ['consent-basis', 'Consent'];

function PlanWorkspace({ nhs }: { nhs: string }) {
  const [summary, setSummary] = useState<PlanSummary>();
  const [versions, setVersions] = useState<VersionStamp[]>([]);
  const [content, setContent] = useState<PlanContent>();
  const [etag, setEtag] = useState<string>();
  const [draftOpen, setDraftOpen] = useState(false);
  const [errors, setErrors] = useState(new Map<string, string>());
  const [warnings, setWarnings] = useState<string[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [conflict, setConflict] = useState(false);
  const [message, setMessage] = useState<string>();
  const [notFound, setNotFound] = useState(false);
  const [consentBasis, setConsentBasis] = useState('');
  const [consentNotes, setConsentNotes] = useState('');
  const [tick, setTick] = useState(0);
  const [shown, setShown] = useState<{ version: number; content: PlanContent }>();

  const showVersion = async (version: number) => {
    try {
      const { data } = await run<PublishedView>(clinical().GET('/v1/plans/{nhsNumber}/versions/{version}', { params: { path: { nhsNumber: nhs, version } } }));
      if (data.content) setShown({ version, content: data.content });
    } catch (e) {
      setFailure(e);
    }
  };

  useEffect(() => {
    (async () => {
      try {
        const planSummary = await run<PlanSummary>(clinical().GET('/v1/plans/{nhsNumber}', { params: { path: { nhsNumber: nhs } } }));
        setSummary(planSummary.data);
        itemsOf<VersionStamp>(clinical().GET('/v1/plans/{nhsNumber}/versions', { params: { path: { nhsNumber: nhs } } }))
          .then((data) => setVersions(data), () => setVersions([]));
        if (planSummary.data.hasDraft) {
          const draft = await run<PlanDraft>(clinical().GET('/v1/plans/{nhsNumber}/draft', { params: { path: { nhsNumber: nhs } } }));
          setContent(draft.data.content ?? {}); setEtag(draft.etag); setDraftOpen(true);
        } else if ((planSummary.data.latestVersion ?? 0) > 0) {
          const published = await run<PublishedView>(clinical().GET('/v1/plans/{nhsNumber}/published', { params: { path: { nhsNumber: nhs } } }));
          setContent(published.data.content ?? {}); setEtag(planSummary.etag); setDraftOpen(false);
        }
        run<ConsentView>(clinical().GET('/v1/plans/{nhsNumber}/consent', { params: { path: { nhsNumber: nhs } } }))
          .then(({ data }) => { setConsentBasis(data.basis ?? ''); setConsentNotes(data.notes ?? ''); }, () => undefined);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) setNotFound(true); else setFailure(e);
      }
    })();
  }, [nhs, tick]);

  const clear = () => { setErrors(new Map()); setFailure(undefined); setMessage(undefined); setWarnings([]); setConflict(false); };
  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.status === 412) { setConflict(true); return; }
    if (e instanceof ApiError && (e.status === 400 || e.status === 422) && e.fieldErrors.size > 0) {
      setErrors(new Map([...e.fieldErrors].map(([field, text]) => [toPath(field), text])));
      setFailure(e.status === 422 ? undefined : e);
      return;
    }
    setFailure(e);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    clear();
    try {
      const saved = await run<PlanDraft>(clinical().PUT('/v1/plans/{nhsNumber}/draft', {
        params: { path: { nhsNumber: nhs }, header: { 'If-Match': etag ?? '' } },
        body: content ?? {},
      }));
      setEtag(saved.etag); setDraftOpen(true);
      setMessage(`Saved at ${dateTime(saved.data.updatedAt ?? new Date().toISOString())}.`);
    } catch (e) {
      fail(e);
    }
  };

  const publish = async () => {
    clear();
    try {
      const published = await run<Publication>(clinical().POST('/v1/plans/{nhsNumber}/publication', {
        params: { path: { nhsNumber: nhs }, header: { 'If-Match': etag ?? '' } },
      }));
      setEtag(published.etag);
      setWarnings(published.data.warnings ?? []);
      setMessage(`Published as version ${published.data.published?.version}. Urgent care now sees it.`);
      setTick((t) => t + 1);
    } catch (e) {
      fail(e);
    }
  };

  const recordConsent = async (event: Event) => {
    event.preventDefault();
    clear();
    if (!consentBasis) { setErrors(new Map([['consent', 'Choose the basis of consent']])); return; }
    try {
      await run(clinical().PUT('/v1/plans/{nhsNumber}/consent', {
        params: { path: { nhsNumber: nhs } }, body: { basis: consentBasis as ConsentRequest['basis'], notes: consentNotes || undefined },
      }));
      setMessage('Consent recorded.');
    } catch (e) {
      fail(e);
    }
  };

  if (notFound) return <div class="alert alert-info" role="status"><h2 class="alert-title">No plan</h2><p>There is no plan for this NHS number. Patients' submissions to your organisation are in the <a href="/clinician">inbox</a>.</p></div>;
  if (failure !== undefined && !content) return <Failure error={failure} onRetry={() => setTick(tick + 1)} />;
  if (!content || !summary) return <p role="status">Loading the plan…</p>;

  return (
    <>
      <p>{(summary.latestVersion ?? 0) > 0 ? `Published version ${summary.latestVersion}.` : 'Not published yet.'} {draftOpen ? 'A draft is open.' : 'No draft: saving starts a revision.'} Owned by {summary.owningOrganisation}.</p>
      <ErrorSummary errors={errors} labels={LABELS} />
      <form onSubmit={save} noValidate aria-label="Edit the plan">
        {SECTIONS.map((section) => (
          <fieldset>
            <legend>{section.legend}</legend>
            {section.fields.map(([path, label, kind]) => {
              const common = { id: idOf(path), label, value: get(content, path), onInput: (v: string) => setContent(set(content, path, v)), error: errors.get(path),
                markOptional: false, ...(NEEDED_TO_PUBLISH.has(path) ? { hint: path === 'plannedReviewDate' ? 'Needed to publish: at most 3 months ahead' : 'Needed to publish' } : {}) };
              if (Array.isArray(kind)) return <Select {...common} options={kind} />;
              if (kind === 'textarea') return <TextArea {...common} />;
              return <Field {...common} type={kind} width={kind === 'date' ? 'medium' : 'long'} />;
            })}
          </fieldset>
        ))}
        <div aria-live="polite">
          {conflict && (
            <FocusedAlert kind="error" title="Someone else saved first">
              <p>A colleague saved this plan after you opened it. Your changes are still in the form, but were not saved. Reload to see their version, then make your changes again.</p>
              <button type="button" class="button button-secondary" onClick={() => { setConflict(false); setTick(tick + 1); }}>Reload their version</button>
            </FocusedAlert>
          )}
          {message && <FocusedAlert kind="success" key={message}><p>{message}</p></FocusedAlert>}
          {warnings.length > 0 && <div class="warnings" role="status"><h2>Published with warnings</h2><ul>{warnings.map((w) => <li>{w}</li>)}</ul></div>}
          {failure !== undefined && <Failure error={failure} />}
        </div>
        <div class="no-print">
          <button class="button button-secondary" type="submit">Save draft</button>
          <button class="button" type="button" onClick={publish}>Publish</button>
        </div>
      </form>
      <form class="card no-print" onSubmit={recordConsent} noValidate>
        <h2>Consent</h2>
        <Select id="consent-basis" label="Basis of consent" value={consentBasis} onInput={setConsentBasis} options={BASES} required error={errors.get('consent')} />
        <TextArea id="consent-notes" label="Notes" value={consentNotes} onInput={setConsentNotes} />
        <button class="button button-secondary" type="submit">Record consent</button>
      </form>
      <section class="card" aria-labelledby="versions-title">
        <h2 id="versions-title">Published versions</h2>
        {versions.length === 0 ? <p>None yet.</p> : (
          <table>
            <caption class="visually-hidden">Every published version of this plan</caption>
            <thead><tr><th scope="col">Version</th><th scope="col">Published</th><th scope="col">By</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {versions.map((v) => (
                <tr>
                  <td>{v.version}</td>
                  <td>{dateTime(v.publishedAt)}</td>
                  <td>{v.publishedByName ?? v.publishedBy} ({v.roleName ?? v.roleCode}, {v.organisationName ?? v.organisation})</td>
                  <td>
                    <button type="button" class="button button-secondary" onClick={() => v.version && showVersion(v.version)}>Read version {v.version}</button>
                    <button type="button" class="button button-secondary" onClick={() => openDocument(`/v1/plans/${nhs}/versions/${v.version}/pdf`).catch(setFailure)}>Print version {v.version} (PDF)</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <button type="button" class="button button-secondary no-print" onClick={() => window.print()}>Print this page</button>
      </section>
      {shown && <ShownVersion key={shown.version} version={shown.version} content={shown.content} />}
    </>
  );
}

/** One published version, read in place; its heading takes focus when it opens. */
function ShownVersion({ version, content }: { version: number; content: PlanContent }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section class="card" aria-labelledby="shown-title">
      <h2 id="shown-title" tabIndex={-1} ref={ref}>Version {version} as published</h2>
      <PlanContentView content={content} headingLevel={3} />
    </section>
  );
}
