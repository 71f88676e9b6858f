// Demo data for the browser tests, made through the APIs as the demo personas would (client-credentials tokens
// from the local issuer): published plans to find, two people nobody can tell apart by name and date of birth,
// a plan with an open draft for two clinicians to race on, and a plan whose review dates have passed.
import pg from 'pg';

export const ISSUER = process.env.ISSUER_URL ?? 'http://localhost:8090';
export const CLINICAL = process.env.CLINICAL_API ?? 'http://localhost:8080';
export const PORTAL = process.env.PORTAL_API ?? 'http://localhost:8081';

export async function token(persona, issuer = 'cis2') {
  const response = await fetch(`${ISSUER}/${issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: persona, client_secret: 'demo' }),
  });
  if (!response.ok) throw new Error(`token for ${persona}: ${response.status}`);
  return (await response.json()).access_token;
}

async function call(method, path, persona, body, headers = {}) {
  const raw = typeof body === 'string';
  const response = await fetch(`${CLINICAL}/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${await token(persona)}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} as ${persona}: ${response.status} ${text}`);
  return { body: text ? JSON.parse(text) : undefined, etag: response.headers.get('ETag') };
}

/** A valid NHS number (Modulus 11) from nine digits. */
export function nhsNumber(nine) {
  for (let n = nine; ; n++) {
    const digits = String(n).padStart(9, '0').split('').map(Number);
    const sum = digits.reduce((total, digit, i) => total + digit * (10 - i), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10 && new Set(digits).size > 1) return digits.join('') + check;
  }
}

function inMonths(months) {
  const day = new Date();
  day.setUTCMonth(day.getUTCMonth() + months);
  return day.toISOString().slice(0, 10);
}

export function content({ givenName, familyName, dateOfBirth, postcode, cpr = 'CPR_NOT_RECOMMENDED' }) {
  return {
    person: { givenName, familyName, dateOfBirth, address: '1 Demo Street, London', postcode, telephone: '020 7946 0001' },
    gp: { name: 'Dr Jane Doe', practiceName: 'Demo Practice', practiceCode: 'A83008', telephone: '020 7946 0002' },
    keyWorker: { name: 'Sam Nurse', role: 'District nurse', telephone: '020 7946 0003' },
    mainCarer: { name: 'Robin Carer', relationship: 'Daughter', telephone: '07700 900123' },
    diagnoses: { primaryEndOfLifeDiagnosis: 'Metastatic lung cancer' },
    noKnownAllergies: true,
    cpr: { decision: cpr, decidedOn: inMonths(-1), decisionMaker: 'Dr Jane Doe', decisionMakerRole: 'GP',
      discussedWithPatient: true, discussedWithCarer: true, whereDocumented: 'ReSPECT form in the kitchen drawer',
      reviewDate: inMonths(2) },
    ceilingOfTreatment: 'SYMPTOMATIC_COMFORT_CARE',
    preferences: { preferredPlaceOfCare: 'HOME', preferredPlaceOfDeath: 'HOME', secondPreferredPlaceOfDeath: 'HOSPICE' },
    whatMattersToMe: 'Being at home with my cat and my family.',
    adrt: { exists: false },
    plannedReviewDate: inMonths(2),
  };
}

/** A one-page PDF standing in for a signed ADRT form. */
const ADRT_PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n'
  + '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

/**
 * Initiates (as the GP) and publishes a plan, with an ADRT and its signed document when asked; returns the NHS
 * number. Leaves a plan that exists already as it is.
 */
export async function publishedPlan(nhs, person, { adrt = false } = {}) {
  const planContent = content(person);
  try {
    await call('POST', '/plans', 'gp', { nhsNumber: nhs, consent: { basis: 'EXPLICIT_CONSENT', notes: 'Seeded for the browser tests' }, content: planContent });
  } catch (e) {
    if (!String(e.message).includes(' 409 ')) throw e;
    return nhs;
  }
  let etag = (await call('GET', `/plans/${nhs}`, 'gp')).etag;
  if (adrt) {
    const document = await call('POST', `/plans/${nhs}/attachments`, 'gp', ADRT_PDF, { 'Content-Type': 'application/pdf', 'X-File-Name': 'adrt.pdf' });
    planContent.adrt = { exists: true, decision: 'Refuses mechanical ventilation, even if life is at risk', madeOn: '2026-01-15',
      documentLocation: 'Original with the GP; copy in the blue folder at home', attachmentId: document.body.id };
    etag = (await call('PUT', `/plans/${nhs}/draft`, 'gp', planContent, { 'If-Match': etag })).etag;
  }
  await call('POST', `/plans/${nhs}/publication`, 'gp', undefined, { 'If-Match': etag });
  return nhs;
}

/**
 * A published plan whose review date and CPR review date have since passed: time moves on in the database (as it
 * would over months), because publication refuses dates in the past.
 */
export async function overduePlan(nhs, person) {
  await publishedPlan(nhs, person);
  const database = new pg.Client({ host: 'localhost', port: Number(process.env.DB_PORT ?? 15432), database: 'clinical',
    user: 'postgres', password: 'postgres' });
  await database.connect();
  try {
    await database.query(`UPDATE published_plan SET planned_review_date = current_date - 30,
      cpr_review_date = current_date - 1 WHERE nhs_number = $1`, [nhs]);
  } finally {
    await database.end();
  }
  return nhs;
}

/** A plan with an open draft (never published), for the conflict journey. */
export async function draftPlan(nhs, person) {
  try {
    await call('POST', '/plans', 'gp', { nhsNumber: nhs, consent: { basis: 'EXPLICIT_CONSENT' }, content: content(person) });
  } catch (e) {
    if (!String(e.message).includes(' 409 ')) throw e;
  }
  return nhs;
}

export async function seed() {
  const suffix = String(Date.now()).slice(-5);
  const family = `Ambiguous${suffix.replace(/\d/g, (d) => 'abcdefghij'[Number(d)])}`;
  const data = {
    published: await publishedPlan('9434765919', { givenName: 'Margaret', familyName: 'Smith', dateOfBirth: '1948-03-12', postcode: 'SW3 6JJ' }, { adrt: true }),
    twinA: await publishedPlan(nhsNumber(Number(`71${suffix}11`)), { givenName: 'Alex', familyName: family, dateOfBirth: '1940-01-01', postcode: 'N1 9GU' }),
    twinB: await publishedPlan(nhsNumber(Number(`72${suffix}22`)), { givenName: 'Alex', familyName: family, dateOfBirth: '1940-01-01', postcode: 'E8 1DY' }),
    draft: await draftPlan(nhsNumber(Number(`73${suffix}33`)), { givenName: 'Jo', familyName: 'Conflict', dateOfBirth: '1950-05-05', postcode: 'SE1 7PB' }),
    overdue: await overduePlan(nhsNumber(Number(`74${suffix}44`)), { givenName: 'Pat', familyName: 'Overdue', dateOfBirth: '1938-08-08', postcode: 'W2 1NY' }),
    ambiguousFamily: family,
    ambiguousDateOfBirth: '1940-01-01',
  };
  return data;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await seed(), null, 2));
}
