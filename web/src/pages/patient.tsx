import { useEffect, useState } from 'preact/hooks';
import { ApiError, itemsOf, portal, run } from '../api';
import { dateTime, role, words } from '../format';
import { PlanContentView } from '../plan-view';
import type { AccessEntry, DraftContent, DraftView, PatientPlan, ProxyView, Recipient, SubmissionView, WithdrawalPreview } from '../types';
import { ErrorSummary, Failure, FocusedAlert, Field, PageHeading, Select, SignedIn, TextArea, WhoIsSignedIn } from '../ui';

const PLACES: [string, string][] = ['HOME', 'CARE_HOME', 'HOSPICE', 'HOSPITAL', 'OTHER', 'UNDECIDED'].map((p) => [p, words(p)]);
const LEVELS: [string, string][] = ['FULLY_ACTIVE', 'RESTRICTED_STRENUOUS_ACTIVITY', 'AMBULATORY_SELF_CARING', 'LIMITED_SELF_CARE', 'COMPLETELY_DISABLED'].map((p) => [p, words(p)]);

export function PatientPortal() {
  return (
    <>
      <PageHeading>My urgent care plan</PageHeading>
      <SignedIn audience="patient" what="see and start your urgent care plan">
        <WhoIsSignedIn audience="patient" />
        <MyDraft />
        <MyPlan />
        <MyProxies />
        <Withdrawal />
      </SignedIn>
    </>
  );
}

interface DraftForm {
  organisation: string; postcode: string; email: string; preferredPlaceOfCare: string; functionalLevel: string;
  thoughtsAboutFutureCare: string; supporterName: string; supporterRelationship: string; supporterPhone: string;
}

const EMPTY: DraftForm = { organisation: '', postcode: '', email: '', preferredPlaceOfCare: '', functionalLevel: '', thoughtsAboutFutureCare: '', supporterName: '', supporterRelationship: '', supporterPhone: '' };

function toForm(draft: DraftView): DraftForm {
  return {
    organisation: draft.organisation ?? '', postcode: draft.postcode ?? '', email: draft.email ?? '',
    preferredPlaceOfCare: draft.preferredPlaceOfCare ?? '', functionalLevel: draft.functionalLevel ?? '',
    thoughtsAboutFutureCare: draft.thoughtsAboutFutureCare ?? '', supporterName: draft.keySupporter?.name ?? '',
    supporterRelationship: draft.keySupporter?.relationship ?? '', supporterPhone: draft.keySupporter?.phone ?? '',
  };
}

function toContent(form: DraftForm): DraftContent {
  const content: Record<string, unknown> = { postcode: form.postcode };
  if (form.organisation) content['organisation'] = form.organisation;
  if (form.email) content['email'] = form.email;
  if (form.preferredPlaceOfCare) content['preferredPlaceOfCare'] = form.preferredPlaceOfCare;
  if (form.functionalLevel) content['functionalLevel'] = form.functionalLevel;
  if (form.thoughtsAboutFutureCare) content['thoughtsAboutFutureCare'] = form.thoughtsAboutFutureCare;
  if (form.supporterName || form.supporterPhone) {
    content['keySupporter'] = { name: form.supporterName, relationship: form.supporterRelationship || undefined, phone: form.supporterPhone };
  }
  return content as DraftContent;
}

const DRAFT_FIELDS: Record<string, [string, string]> = {
  organisation: ['organisation', 'Who to send it to'], postcode: ['postcode', 'Postcode'], email: ['email', 'Email'],
  'keySupporter.name': ['supporter-name', 'Key supporter name'], 'keySupporter.phone': ['supporter-phone', 'Key supporter telephone'],
  thoughtsAboutFutureCare: ['thoughts', 'Your thoughts about future care'],
};

function fieldOf(field: string): string {
  // Problems name fields as the request body has them, sometimes prefixed with the method's parameter name.
  return field.replace(/^(start|save|content|request)\./, '');
}

function MyDraft() {
  const [teams, setTeams] = useState<Recipient[]>([]);
  const [draft, setDraft] = useState<DraftView>();
  const [etag, setEtag] = useState<string>();
  const [form, setForm] = useState<DraftForm>(EMPTY);
  const [submissions, setSubmissions] = useState<SubmissionView[]>([]);
  const [errors, setErrors] = useState(new Map<string, string>());
  const [failure, setFailure] = useState<unknown>();
  const [message, setMessage] = useState<string>();
  const [tick, setTick] = useState(0);

  useEffect(() => {
    itemsOf<Recipient>(portal().GET('/v1/care-teams')).then((data) => setTeams(data), () => setTeams([]));
    itemsOf<DraftView>(portal().GET('/v1/drafts')).then(async (data) => {
      const mine = data.find((d) => d.status === 'EDITING');
      setDraft(mine);
      if (mine?.id) {
        const one = await run<DraftView>(portal().GET('/v1/drafts/{id}', { params: { path: { id: mine.id } } }));
        setEtag(one.etag);
        setForm(toForm(one.data));
      }
    }, setFailure);
    itemsOf<SubmissionView>(portal().GET('/v1/submissions')).then((data) => setSubmissions(data), setFailure);
  }, [tick]);

  // While a submission is on its way, look again every two seconds until the care team has it.
  useEffect(() => {
    if (!submissions.some((s) => s.stage === 'SUBMITTED')) return;
    const timer = setTimeout(() => setTick((t) => t + 1), 2000);
    return () => clearTimeout(timer);
  }, [submissions]);

  const set = (key: keyof DraftForm) => (value: string) => setForm({ ...form, [key]: value });

  const handle = (e: unknown) => {
    if (e instanceof ApiError && (e.status === 400 || e.status === 422) && e.fieldErrors.size > 0) {
      setErrors(new Map([...e.fieldErrors].map(([k, v]) => [fieldOf(k), v])));
      setFailure(undefined);
    } else {
      setFailure(e);
    }
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setErrors(new Map()); setFailure(undefined); setMessage(undefined);
    try {
      if (!draft?.id) {
        const created = await run<DraftView>(portal().POST('/v1/drafts', { body: toContent(form) }));
        setDraft(created.data); setEtag(created.etag);
        setMessage('Your draft is saved. Only you can see it until you send it.');
      } else {
        const saved = await run<DraftView>(portal().PUT('/v1/drafts/{id}', {
          params: { path: { id: draft.id }, header: { 'If-Match': etag ?? '' } }, body: toContent(form),
        }));
        setDraft(saved.data); setEtag(saved.etag);
        setMessage('Your draft is saved.');
      }
    } catch (e) {
      handle(e);
    }
  };

  const submit = async () => {
    if (!draft?.id) return;
    setErrors(new Map()); setFailure(undefined); setMessage(undefined);
    try {
      await run<DraftView>(portal().POST('/v1/drafts/{id}/submission', { params: { path: { id: draft.id }, header: { 'If-Match': etag ?? '' } } }));
      setDraft(undefined); setForm(EMPTY);
      setMessage('Sent. Your care team will finish the plan with you.');
      setTick((t) => t + 1);
    } catch (e) {
      handle(e);
    }
  };

  return (
    <section aria-labelledby="draft-title">
      <h2 id="draft-title">Tell your care team what matters to you</h2>
      {submissions.length > 0 && (
        <div class="card" aria-live="polite">
          <h3>What you sent</h3>
          <ul>
            {submissions.map((s) => (
              <li>Sent {dateTime(s.submittedAt)}: <span class={`status-tag status-${s.stage}`} data-stage={s.stage}>{words(s.stage)}</span> <span class="hint">({s.stage})</span></li>
            ))}
          </ul>
        </div>
      )}
      {message && <FocusedAlert kind="success" key={message}><p>{message}</p></FocusedAlert>}
      {failure !== undefined && <Failure error={failure} />}
      <ErrorSummary errors={errors} labels={DRAFT_FIELDS} />
      <form class="card" onSubmit={save} noValidate>
        <p>{draft ? `Your draft, last saved ${dateTime(draft.updatedAt)}.` : 'Start a draft. You can save it and come back; it is kept for 60 days after your last change.'}</p>
        <Select id="organisation" label="Who to send it to" hint="Your GP practice or care team" value={form.organisation} onInput={set('organisation')}
          options={teams.map((t) => [t.odsCode ?? '', t.name ?? t.odsCode ?? ''])} error={errors.get('organisation')} />
        <Field id="postcode" label="Postcode" value={form.postcode} onInput={set('postcode')} required width="short" autocomplete="postal-code" error={errors.get('postcode')} />
        <Field id="email" label="Email" hint="Used only to offer help if you leave the draft unsent" type="email" value={form.email} onInput={set('email')} autocomplete="email" error={errors.get('email')} />
        <Select id="place" label="Where you would prefer to be cared for" value={form.preferredPlaceOfCare} onInput={set('preferredPlaceOfCare')} options={PLACES} />
        <Select id="level" label="How active you are now" value={form.functionalLevel} onInput={set('functionalLevel')} options={LEVELS} />
        <TextArea id="thoughts" label="Your thoughts about future care" value={form.thoughtsAboutFutureCare} onInput={set('thoughtsAboutFutureCare')} error={errors.get('thoughtsAboutFutureCare')} />
        <fieldset>
          <legend>Someone who supports you</legend>
          <Field id="supporter-name" label="Name" value={form.supporterName} onInput={set('supporterName')} error={errors.get('keySupporter.name')} />
          <Field id="supporter-relationship" label="Relationship to you" value={form.supporterRelationship} onInput={set('supporterRelationship')} width="medium" />
          <Field id="supporter-phone" label="Telephone" type="tel" value={form.supporterPhone} onInput={set('supporterPhone')} width="medium" error={errors.get('keySupporter.phone')} />
        </fieldset>
        <button class="button button-secondary" type="submit">Save draft</button>
        {draft && <button class="button" type="button" onClick={submit}>Send to my care team</button>}
      </form>
    </section>
  );
}

function MyPlan() {
  const [plan, setPlan] = useState<PatientPlan | null>();
  const [log, setLog] = useState<AccessEntry[]>([]);
  const [failure, setFailure] = useState<unknown>();
  useEffect(() => {
    run<PatientPlan>(portal().GET('/v1/my-plan')).then(({ data }) => setPlan(data), (e) => {
      if (e instanceof ApiError && e.status === 404) setPlan(null); else setFailure(e);
    });
    itemsOf<AccessEntry>(portal().GET('/v1/my-plan/access-log')).then((data) => setLog(data), () => setLog([]));
  }, []);
  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">My published plan</h2>
      {failure !== undefined && <Failure error={failure} />}
      {plan === null && <p class="card">You have no published plan yet. When your care team publishes it, you will see it here.</p>}
      {plan && (
        <>
          <p>Version {plan.version}, published {dateTime(plan.publishedAt)} by {plan.publishedBy} ({plan.organisation}).</p>
          {plan.content && <PlanContentView content={plan.content} headingLevel={3} />}
          <div class="card">
            <h3>Who has looked at my plan</h3>
            {log.length === 0 ? <p>Nobody yet.</p> : (
              <table>
                <caption class="visually-hidden">Every access to your plan by staff</caption>
                <thead><tr><th scope="col">When</th><th scope="col">Role</th><th scope="col">Organisation</th><th scope="col">What</th></tr></thead>
                <tbody>{log.map((entry) => <tr><td>{dateTime(entry.at)}</td><td>{role(entry.role)}</td><td>{entry.organisation}</td><td>{entry.action}</td></tr>)}</tbody>
              </table>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function MyProxies() {
  const [proxies, setProxies] = useState<ProxyView[]>([]);
  const [email, setEmail] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [errors, setErrors] = useState(new Map<string, string>());
  const [failure, setFailure] = useState<unknown>();
  const [message, setMessage] = useState<string>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    itemsOf<ProxyView>(portal().GET('/v1/proxies')).then((data) => setProxies(data), setFailure);
  }, [tick]);

  const invite = async (event: Event) => {
    event.preventDefault();
    setErrors(new Map()); setFailure(undefined); setMessage(undefined);
    try {
      await run(portal().POST('/v1/proxies', { body: { email, dateOfBirth } }));
      setMessage(`We have emailed an invitation to ${email}. It works once, for 14 days.`);
      setEmail(''); setDateOfBirth('');
      setTick((t) => t + 1);
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.size > 0) setErrors(new Map([...e.fieldErrors].map(([k, v]) => [fieldOf(k).replace(/^invite\./, ''), v])));
      else setFailure(e);
    }
  };

  const revoke = async (proxy: ProxyView) => {
    if (!proxy.id || !confirm(`Stop ${proxy.email} from reading your plan? This takes effect at once.`)) return;
    try {
      await run(portal().DELETE('/v1/proxies/{id}', { params: { path: { id: proxy.id } } }));
      setMessage(`${proxy.email} can no longer read your plan.`);
      setTick((t) => t + 1);
    } catch (e) {
      setFailure(e);
    }
  };

  return (
    <section aria-labelledby="proxies-title">
      <h2 id="proxies-title">People who may read my plan (proxies)</h2>
      {message && <FocusedAlert kind="success" key={message}><p>{message}</p></FocusedAlert>}
      {failure !== undefined && <Failure error={failure} />}
      {proxies.length > 0 && (
        <table class="card">
          <caption class="visually-hidden">Your proxies</caption>
          <thead><tr><th scope="col">Email</th><th scope="col">Status</th><th scope="col">Last shown your plan</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
          <tbody>
            {proxies.map((proxy) => (
              <tr>
                <td>{proxy.email}</td>
                <td><span class={`status-tag status-${proxy.status}`}>{words(proxy.status)}</span></td>
                <td>{proxy.lastViewedAt ? dateTime(proxy.lastViewedAt) : 'never'}</td>
                <td>{proxy.status !== 'REVOKED' && <button type="button" class="button button-secondary" onClick={() => revoke(proxy)}>Revoke<span class="visually-hidden"> {proxy.email}</span></button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="card" onSubmit={invite} noValidate>
        <h3>Invite someone</h3>
        <p>They sign in with their own NHS login, then confirm their date of birth and your NHS number.</p>
        <Field id="proxy-email" label="Their email address, as NHS login knows it" type="email" value={email} onInput={setEmail} required error={errors.get('email')} />
        <Field id="proxy-dob" label="Their date of birth" type="date" value={dateOfBirth} onInput={setDateOfBirth} required width="medium" error={errors.get('dateOfBirth')} />
        <button class="button" type="submit">Send invitation</button>
      </form>
    </section>
  );
}

function Withdrawal() {
  const [preview, setPreview] = useState<WithdrawalPreview>();
  const [confirmed, setConfirmed] = useState(false);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState(false);
  const explain = async () => {
    try {
      setPreview((await run<WithdrawalPreview>(portal().GET('/v1/my-plan/consent-withdrawal'))).data);
    } catch (e) {
      setFailure(e);
    }
  };
  const withdraw = async (event: Event) => {
    event.preventDefault();
    try {
      await run(portal().POST('/v1/my-plan/consent-withdrawal', { body: { confirm: true, reason: reason || 'Withdrawn by the patient' } }));
      setDone(true);
    } catch (e) {
      setFailure(e);
    }
  };
  return (
    <section aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">Withdraw my consent</h2>
      {failure !== undefined && <Failure error={failure} />}
      {done ? <div class="alert alert-success" role="status"><p>Your consent is withdrawn and your plan is erased. Your care team will contact you.</p></div>
        : !preview ? (
          <div class="card">
            <p>You can withdraw your consent at any time. First see what it would erase.</p>
            <button type="button" class="button button-secondary" onClick={explain}>What would withdrawing erase?</button>
          </div>
        ) : (
          <form class="card" onSubmit={withdraw}>
            <div class="warnings">
              <p><strong>{preview.whatHappens}</strong></p>
              <ul>
                <li>Published plan: {preview.planPublished ? 'yes, it will be erased' : 'none'}</li>
                <li>Drafts: {preview.drafts}</li>
                <li>Proxies who will lose access: {preview.proxies}</li>
                <li>Submissions: {preview.submissions}</li>
              </ul>
            </div>
            <TextArea id="withdraw-reason" label="Why (your care team will see this)" value={reason} onInput={setReason} />
            <div class="field">
              <input type="checkbox" id="withdraw-confirm" checked={confirmed} onChange={(e) => setConfirmed((e.currentTarget as HTMLInputElement).checked)} />{' '}
              <label for="withdraw-confirm">I understand that my plan will be erased and urgent care will no longer see it</label>
            </div>
            <button class="button button-warning" type="submit" disabled={!confirmed}>Withdraw my consent</button>
          </form>
        )}
    </section>
  );
}

