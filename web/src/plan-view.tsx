import { age, date, words } from './format';
import type { PlanContent } from './types';
import { Tel } from './ui';

/** A published plan's content, read by the patient, a proxy or a clinician: decisions first, as in the crisis view. */
export function PlanContentView({ content, headingLevel = 2 }: { content: PlanContent; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const person = content.person ?? {};
  const cpr = content.cpr;
  return (
    <div class="plan-content">
      <section class="card" aria-label="Person">
        <H>{person.givenName} {person.familyName}</H>
        <p>Born {date(person.dateOfBirth)} ({age(person.dateOfBirth)}) · {person.address} {person.postcode}</p>
      </section>
      <section class={`decision cpr ${cpr?.decision === 'CPR_NOT_RECOMMENDED' ? 'cpr-not' : 'cpr-yes'}`}>
        <H>CPR decision</H>
        <p class="decision-value">{words(cpr?.decision)}</p>
        {cpr?.decision && <p>Decided {date(cpr.decidedOn)} by {cpr.decisionMaker ?? 'not recorded'}; review by {date(cpr.reviewDate)}.</p>}
      </section>
      <section class="decision ceiling">
        <H>Ceiling of treatment</H>
        <p class="decision-value">{words(content.ceilingOfTreatment)}</p>
      </section>
      <section class="card">
        <H>What matters to me and where I want to be</H>
        {content.whatMattersToMe && <p>“{content.whatMattersToMe}”</p>}
        <p>Preferred place of care: {words(content.preferences?.preferredPlaceOfCare)}. Place of death: {words(content.preferences?.preferredPlaceOfDeath)}, then {words(content.preferences?.secondPreferredPlaceOfDeath)}.</p>
      </section>
      <section class="card">
        <H>People</H>
        <dl class="plan">
          <dt>GP</dt><dd>{content.gp?.name}, {content.gp?.practiceName} <Tel number={content.gp?.telephone} /></dd>
          {content.keyWorker?.name && <><dt>Key worker</dt><dd>{content.keyWorker.name} ({content.keyWorker.role}) <Tel number={content.keyWorker.telephone} /></dd></>}
          {content.mainCarer?.name && <><dt>Main carer</dt><dd>{content.mainCarer.name} ({content.mainCarer.relationship}) <Tel number={content.mainCarer.telephone} /></dd></>}
        </dl>
      </section>
      <section class="card">
        <H>Health</H>
        <p>Main diagnosis: {content.diagnoses?.primaryEndOfLifeDiagnosis ?? 'not recorded'}</p>
        <p>{content.noKnownAllergies ? 'No known allergies.' : (content.allergies ?? []).map((a) => a.substance).join(', ') || 'Allergies not recorded.'}</p>
        <p>Planned review: {date(content.plannedReviewDate)}</p>
      </section>
    </div>
  );
}
