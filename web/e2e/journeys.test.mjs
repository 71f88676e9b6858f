// The journeys of issue 17 in a real browser (Debian's chromium, headless), each page checked with axe-core.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { seed } from './seed.mjs';

const WEB = process.env.WEB_URL ?? 'http://localhost:8082';
const PORTAL_LOG = process.env.PORTAL_LOG ?? new URL('../../local-stack/target/logs/portal-api.log', import.meta.url).pathname;
const SHOTS = new URL('../screenshots/', import.meta.url).pathname;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'en-GB', timezoneId: 'Europe/London' };
const DESKTOP = { viewport: { width: 1200, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' };

let browser;
let data;
const checked = [];

before(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  data = await seed();
});

after(async () => {
  await browser?.close();
  console.log(`axe-core checked ${checked.length} page states: ${checked.join(', ')}`);
});

/** No axe-core violations (WCAG 2.0–2.2 A and AA rules) on the page as it is now. */
async function accessible(page, name) {
  await page.evaluate(AXE);
  const results = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  const violations = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  assert.deepEqual(violations, [], `axe-core violations on ${name}`);
  checked.push(name);
}

/** A new browser session signed in as the persona through the issuer's page (code + PKCE). */
async function signedIn(path, persona, options = DESKTOP) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error on ${page.url()}: ${error.message}`));
  await page.goto(WEB + path);
  await page.getByRole('button', { name: /^Sign in/ }).click();
  await page.waitForURL(/\/authorize\?/);
  await accessible(page, `issuer sign-in page (${persona})`);
  await page.locator(`#persona-${persona}`).click();
  await page.waitForURL((url) => url.pathname === path.split('?')[0]);
  await page.getByText('Signed in as').first().waitFor();
  return page;
}

test('the home page and the accessibility statement', async () => {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  await page.goto(WEB);
  await accessible(page, 'home');
  await page.getByRole('link', { name: 'Accessibility statement' }).click();
  await page.getByRole('heading', { level: 1, name: 'Accessibility statement' }).waitFor();
  await accessible(page, 'accessibility statement');
  await context.close();
});

test('a paramedic finds a published plan by NHS number and sees CPR first', async () => {
  const page = await signedIn('/crisis', 'paramedic', PHONE);
  await accessible(page, 'crisis search');
  await page.getByLabel('Why you are looking').fill('999 call');
  await page.getByLabel('NHS number', { exact: true }).fill('943 476 5919');
  await page.getByRole('button', { name: 'Find plan' }).click();
  await page.getByRole('heading', { name: 'CPR decision' }).waitFor();
  const headings = await page.locator('main h2').allTextContents();
  assert.equal(headings[0], 'CPR decision', `CPR comes first: ${headings.join(' | ')}`);
  assert.equal(headings[1], 'Ceiling of treatment');
  assert.match(await page.locator('.cpr .decision-value').textContent(), /CPR attempts NOT recommended/);
  assert.match(await page.getByRole('region', { name: 'Review status' }).textContent(), /Reviewed|REVIEW OVERDUE/);
  assert.equal(await page.locator('a[href^="tel:"]').count() >= 3, true, 'contacts are callable');
  await accessible(page, 'crisis view');
  await page.screenshot({ path: `${SHOTS}crisis-view.png`, fullPage: true });
  assert.match(await page.getByRole('region', { name: /ADRT/ }).textContent(), /Refuses mechanical ventilation/);
  for (const [button, what] of [['Open the ADRT document', 'the ADRT'], ['Open the printable plan (PDF)', 'the printed plan']]) {
    const opened = page.context().waitForEvent('page');
    await page.getByRole('button', { name: button }).click();
    const tab = await opened;
    assert.match(tab.url(), /^blob:http:\/\/localhost/, `${what} opens from a blob, with no token in an address`);
    await tab.close();
  }

  await page.goto(`${WEB}/crisis/patients/4010232137`);
  await page.getByRole('heading', { level: 1, name: 'No plan found' }).waitFor();
  await accessible(page, 'crisis: no plan found');
  await page.context().close();
});

test('a paramedic cannot miss a plan past its review date or a CPR decision past its own', async () => {
  const page = await signedIn('/crisis', 'paramedic', PHONE);
  await page.goto(`${WEB}/crisis/patients/${data.overdue}`);
  const review = page.getByRole('alert').filter({ hasText: 'REVIEW OVERDUE' });
  await review.waitFor();
  assert.match(await review.textContent(), /may be out of date/);
  assert.match(await page.locator('.cpr .decision-value').textContent(), /^EXPIRED: /);
  assert.match(await page.getByRole('region', { name: 'CPR decision' }).textContent(), /passed its review date.*not current/);
  await accessible(page, 'crisis view: review overdue, CPR decision expired');
  await page.context().close();
});

test('the crisis search works by keyboard alone and the view reflows at 320 pixels (400% zoom)', async () => {
  const page = await signedIn('/crisis', 'paramedic', PHONE);
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'nhs-number')) break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'nhs-number', 'the NHS number field is reached with Tab');
  await page.keyboard.type('9434765919');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'CPR decision' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moves to the new page heading');
  await page.setViewportSize({ width: 320, height: 640 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no horizontal scrolling at 320 CSS pixels');
  await accessible(page, 'crisis view at 320 pixels');
  await page.context().close();
});

test('the ambiguous search shows a choice, never a plan', async () => {
  const page = await signedIn('/crisis', 'call-handler-111', PHONE);
  await page.getByLabel('Family name').fill(data.ambiguousFamily.toLowerCase());
  await page.getByLabel('Date of birth', { exact: true }).fill(data.ambiguousDateOfBirth);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('heading', { name: /2 people match/ }).waitFor();
  assert.equal(await page.locator('.candidate').count(), 2);
  assert.equal(await page.getByRole('heading', { name: 'CPR decision' }).count(), 0, 'no plan is shown before a choice');
  await accessible(page, 'crisis: choose between matches');
  await page.screenshot({ path: `${SHOTS}crisis-choice.png`, fullPage: true });
  await page.locator('.candidate').filter({ hasText: 'E8 1DY' }).click();
  await page.getByRole('heading', { name: 'CPR decision' }).waitFor();
  assert.match(await page.locator('.identity-banner').textContent(), /E8 1DY/, 'the person chosen, not the other one');

  // One match: its crisis view at once.
  await page.getByRole('link', { name: 'Find another patient' }).click();
  await page.getByLabel('Family name').fill('smith');
  await page.getByLabel('Date of birth', { exact: true }).fill('1948-03-12');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('heading', { level: 1, name: 'Margaret Smith' }).waitFor();
  await page.context().close();
});

test('the crisis view says when the service cannot be reached', async () => {
  const page = await signedIn('/crisis', 'paramedic', PHONE);
  await page.route('http://localhost:8080/v1/urgent-care/**', (route) => route.abort('internetdisconnected'));
  await page.goto(`${WEB}/crisis/patients/9434765919`);
  await page.getByRole('heading', { level: 1, name: 'Cannot show the plan' }).waitFor();
  assert.match(await page.getByRole('alert').first().textContent(), /Cannot reach the service/);
  await accessible(page, 'crisis: service unreachable');
  await page.unroute('http://localhost:8080/v1/urgent-care/**');
  await page.route('http://localhost:8080/v1/urgent-care/**', (route) => route.fulfill({ status: 503, contentType: 'application/problem+json',
    headers: { 'Access-Control-Allow-Origin': WEB }, body: '{"title":"Service unavailable","status":503}' }));
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByText(/The service is unavailable right now/).waitFor();
  assert.equal(await page.getByText('No plan found').count(), 0, 'a 503 is never shown as "no plan"');
  await page.unroute('http://localhost:8080/v1/urgent-care/**');

  // A token the service refuses (here: tampered with) ends the sign-in and offers it again.
  await page.evaluate(() => {
    const key = 'openucp.session.staff';
    const stored = JSON.parse(sessionStorage.getItem(key));
    sessionStorage.setItem(key, JSON.stringify({ ...stored, accessToken: `${stored.accessToken}x` }));
  });
  await page.reload();
  await page.getByText('Your sign-in has ended. Sign in again.').waitFor();
  await page.getByRole('button', { name: 'Sign in again' }).click();
  await page.getByRole('button', { name: 'Sign in with CIS2' }).waitFor();
  await page.context().close();
});

test("a clinician's save after a colleague's gives the conflict message", async () => {
  const gp = await signedIn(`/clinician/plans/${data.draft}`, 'gp');
  const nurse = await signedIn(`/clinician/plans/${data.draft}`, 'community-nurse');
  await gp.getByLabel('What matters to me').waitFor();
  await nurse.getByLabel('What matters to me').waitFor();
  await accessible(gp, 'clinician plan');
  await gp.getByLabel('What matters to me').fill('Saved by the GP first');
  await gp.getByRole('button', { name: 'Save draft' }).click();
  await gp.getByText(/^Saved at/).waitFor();
  await nurse.getByLabel('What matters to me').fill('Saved by the nurse second');
  await nurse.getByRole('button', { name: 'Save draft' }).click();
  await nurse.getByRole('heading', { name: 'Someone else saved first' }).waitFor();
  await accessible(nurse, 'clinician: conflict');
  await nurse.screenshot({ path: `${SHOTS}clinician-conflict.png`, fullPage: false });

  // Publishing without the required fields shows the reasons next to them.
  await gp.getByLabel('Primary diagnosis').fill('');
  await gp.getByLabel('Planned review date').fill('');
  await gp.getByRole('button', { name: 'Save draft' }).click();
  await gp.getByText(/^Saved at/).waitFor();
  await gp.getByRole('button', { name: 'Publish' }).click();
  await gp.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.match(await gp.locator('#f-diagnoses-primaryEndOfLifeDiagnosis-error').textContent(), /primary diagnosis/);
  assert.match(await gp.locator('#f-plannedReviewDate-error').textContent(), /review date/);
  await accessible(gp, 'clinician: publication refused');
  await gp.screenshot({ path: `${SHOTS}clinician-plan.png`, fullPage: true });
  await gp.context().close();
  await nurse.context().close();
});

test('a patient submits a draft and sees WITH_CLINICAL_TEAM', async () => {
  const page = await signedIn('/patient', 'patient');
  await page.getByLabel('Who to send it to').selectOption('A83008');
  await page.getByLabel('Postcode').fill('SW3 6JJ');
  await page.getByLabel('Your thoughts about future care').fill('At home if I can, with my cat.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText(/Your draft is saved/).waitFor();
  await accessible(page, 'patient portal with a draft');
  await page.getByRole('button', { name: 'Send to my care team' }).click();
  await page.locator('[data-stage="WITH_CLINICAL_TEAM"]').first().waitFor({ timeout: 30_000 });
  await accessible(page, 'patient portal after submitting');
  await page.screenshot({ path: `${SHOTS}patient-portal.png`, fullPage: true });
  await page.context().close();
});

test('a clinician takes the submission from the inbox, records consent and publishes', async () => {
  const page = await signedIn('/clinician', 'gp');
  const item = page.locator('.inbox > li').filter({ hasText: '943 476 5919' }).first();
  await item.waitFor();
  await accessible(page, 'clinician inbox');
  await page.screenshot({ path: `${SHOTS}clinician-inbox.png`, fullPage: false });
  await item.getByRole('button', { name: /Take into the patient's plan/ }).click();
  await page.waitForURL(/\/clinician\/plans\/9434765919$/);
  await page.getByText('A draft is open.').waitFor();
  await page.getByLabel('Basis of consent').selectOption('EXPLICIT_CONSENT');
  await page.getByRole('button', { name: 'Record consent' }).click();
  await page.getByText('Consent recorded.').waitFor();
  await page.getByRole('button', { name: 'Publish' }).click();
  const published = await page.getByText(/^Published as version \d+/).textContent();
  const version = published.match(/version (\d+)/)[1];
  // The history reloads after publishing: wait for the new version in it before reading an older one.
  await page.getByRole('button', { name: `Print version ${version} (PDF)` }).waitFor();
  await page.getByRole('button', { name: 'Read version 1' }).click();
  await page.getByRole('heading', { name: 'Version 1 as published' }).waitFor({ timeout: 10_000 }).catch(async (e) => {
    console.log(await page.locator('main').innerText());
    throw e;
  });
  await accessible(page, 'clinician: published');
  await page.context().close();
});

test('a proxy accepts through the emailed link and reads the plan', async () => {
  const patient = await signedIn('/patient', 'patient');
  const before = readFileSync(PORTAL_LOG, 'utf8').length;
  await patient.getByLabel('Their email address, as NHS login knows it').fill('jones.4010232137@example.org');
  await patient.getByLabel('Their date of birth').fill('1952-11-30');
  await patient.getByRole('button', { name: 'Send invitation' }).click();
  await patient.getByText(/We have emailed an invitation/).waitFor();
  let link;
  for (let i = 0; i < 20 && !link; i++) {
    link = readFileSync(PORTAL_LOG, 'utf8').slice(before).match(/http:\/\/\S+\/proxy\/invitation\?token=[\w-]+/)?.[0];
    if (!link) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.ok(link, 'the invitation email (written to the portal log locally) holds the link');
  await patient.context().close();

  const context = await browser.newContext(DESKTOP);
  const proxy = await context.newPage();
  await proxy.goto(link.replace(/^http:\/\/[^/]+/, WEB));
  await proxy.getByRole('heading', { level: 1, name: 'Accept an invitation to read a plan' }).waitFor();
  assert.equal(new URL(proxy.url()).search, '', 'the token leaves the address at once');
  await accessible(proxy, 'proxy invitation, signed out');
  await proxy.getByRole('button', { name: /^Sign in/ }).click();
  await proxy.locator('#persona-second-patient').click();
  await proxy.getByLabel('Your date of birth').waitFor();
  await proxy.getByLabel('Your date of birth').fill('1952-11-30');
  await proxy.getByLabel("The patient's NHS number").fill('943 476 5919');
  await accessible(proxy, 'proxy invitation');
  await proxy.getByRole('button', { name: 'Confirm' }).click();
  await proxy.getByRole('heading', { level: 1, name: 'Plans I may read' }).waitFor();
  await accessible(proxy, 'proxy: patients');
  await proxy.locator('.candidate').first().click();
  await proxy.getByRole('heading', { name: 'CPR decision' }).waitFor();
  await accessible(proxy, 'proxy: plan');
  await proxy.screenshot({ path: `${SHOTS}proxy-plan.png`, fullPage: true });

  // The patient sees the proxy active, and revokes them: their access ends at once.
  const again = await signedIn('/patient', 'patient');
  const row = again.locator('tr').filter({ hasText: 'jones.4010232137@example.org' }).filter({ hasText: 'Active' }).first();
  await row.waitFor();
  again.on('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: /Revoke/ }).click();
  await again.getByText(/can no longer read your plan/).waitFor();
  await proxy.reload();
  await proxy.getByRole('heading', { level: 1, name: 'Urgent care plan' }).waitFor();
  await proxy.waitForFunction(() => document.querySelector('main .alert, main p.card'));
  assert.equal(await proxy.getByRole('heading', { name: 'CPR decision' }).count(), 0, 'a revoked proxy reads nothing');
  await again.context().close();
  await context.close();
});

test('a patient sees what withdrawing consent erases before confirming it', async () => {
  const page = await signedIn('/patient', 'patient');
  await page.getByRole('button', { name: 'What would withdrawing erase?' }).click();
  await page.getByText(/will be erased at once/).waitFor();
  const withdraw = page.getByRole('button', { name: 'Withdraw my consent' });
  assert.equal(await withdraw.isDisabled(), true, 'nothing is withdrawn before the consequences are confirmed');
  await accessible(page, 'patient: withdrawal explained');
  await page.getByLabel(/I understand that my plan will be erased/).check();
  await withdraw.click();
  await page.getByText(/Your consent is withdrawn and your plan is erased/).waitFor();
  await page.context().close();
});
