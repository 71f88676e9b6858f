/** NHS numbers are shown 3 3 4, as people read them aloud. */
export function nhsNumber(value: string | undefined | null): string {
  const digits = (value ?? '').replace(/\D/g, '');
  return digits.length === 10 ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : value ?? '';
}

export function date(value: string | undefined | null): string {
  if (!value) return 'not recorded';
  const parsed = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(parsed.getTime()) ? value : parsed.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function dateTime(value: string | undefined | null): string {
  if (!value) return 'not recorded';
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? value : parsed.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function age(dateOfBirth: string | undefined | null): string {
  if (!dateOfBirth) return '';
  const born = new Date(`${dateOfBirth}T00:00:00Z`);
  const now = new Date();
  let years = now.getUTCFullYear() - born.getUTCFullYear();
  if (now.getUTCMonth() < born.getUTCMonth() || (now.getUTCMonth() === born.getUTCMonth() && now.getUTCDate() < born.getUTCDate())) years--;
  return `${years} years`;
}

const WORDS: Record<string, string> = {
  CPR_RECOMMENDED: 'CPR attempts recommended',
  CPR_NOT_RECOMMENDED: 'CPR attempts NOT recommended',
  FULL_ESCALATION: 'Full escalation of treatment',
  SELECTIVE_TREATMENT: 'Selective treatment (ward-based, no intensive care)',
  SYMPTOMATIC_COMFORT_CARE: 'Symptomatic / comfort care only',
  HOME: 'Home', CARE_HOME: 'Care home', HOSPICE: 'Hospice', HOSPITAL: 'Hospital', OTHER: 'Other', UNDECIDED: 'Undecided',
  EXPLICIT_CONSENT: 'Explicit consent', BEST_INTERESTS_DECISION: 'Best-interests decision', LPA_HOLDER: 'Consent by an LPA holder',
  PARENT_OR_GUARDIAN: 'Consent by a parent or guardian',
  FULLY_ACTIVE: 'Fully active', RESTRICTED_STRENUOUS_ACTIVITY: 'Restricted in strenuous activity',
  AMBULATORY_SELF_CARING: 'Walking and able to self-care', LIMITED_SELF_CARE: 'Limited self-care', COMPLETELY_DISABLED: 'Completely disabled',
  SUBMITTED: 'Submitted, on its way', WITH_CLINICAL_TEAM: 'With your clinical team', COMPLETED: 'Completed', ERASED: 'Erased',
  EDITING: 'Being written', INVITED: 'Invited', ACTIVE: 'Active', LOCKED: 'Locked', REVOKED: 'Revoked',
};

export function words(code: string | undefined | null): string {
  if (!code) return 'not recorded';
  return WORDS[code] ?? code.replace(/_/g, ' ').toLowerCase();
}

const ROLES: Record<string, string> = {
  R8000: 'clinical practitioner', R8001: 'nurse', R8002: 'nurse manager', R8003: 'health professional', R8008: 'admin / clinical support',
  R0260: 'GP', R0270: 'salaried GP', R0700: 'community nurse', R0600: 'specialist nurse practitioner', R1070: 'paramedic',
  R1290: 'pharmacist', R1330: 'social worker', R1690: 'NHS 111 / 999 call handler', PATIENT: 'you', PROXY: 'your proxy',
};

/** A CIS2 job role (R-code) in words, with the code. */
export function role(code: string | undefined | null): string {
  if (!code) return 'not recorded';
  return ROLES[code] ? `${ROLES[code]} (${code})` : code;
}
