import type { components as C } from './api/clinical';
import type { components as P } from './api/portal';

/** Named schemas of the two OpenAPI documents, for the pages. */
export type CrisisView = C['schemas']['CrisisView'];
export type SearchResult = C['schemas']['SearchResult'];
export type Candidate = C['schemas']['Candidate'];
export type PlanContent = C['schemas']['PlanContent'];
export type VersionStamp = C['schemas']['VersionStamp'];
export type InboxItem = C['schemas']['InboxItem'];
export type InboxPage = C['schemas']['PageInboxItem'];
export type ConsentRequest = C['schemas']['ConsentRequest'];
export type ConsentView = C['schemas']['ConsentView'];
export type PlanSummary = C['schemas']['PlanSummary'];
export type PlanDraft = C['schemas']['DraftView'];
export type Publication = C['schemas']['PublicationView'];
export type PublishedView = C['schemas']['PublishedView'];
export type Problem = C['schemas']['Problem'];

export type PatientPlan = P['schemas']['PatientPlan'];
export type AccessEntry = P['schemas']['Access'];
export type DraftContent = P['schemas']['DraftContent'];
export type DraftView = P['schemas']['DraftView'];
export type SubmissionView = P['schemas']['SubmissionView'];
export type ProxyView = P['schemas']['ProxyView'];
export type ProxyFor = P['schemas']['ProxyFor'];
export type WithdrawalPreview = P['schemas']['WithdrawalPreview'];
export type Recipient = P['schemas']['Recipient'];
