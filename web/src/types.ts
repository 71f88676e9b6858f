import type { components as C } from './api/clinical';
import type { components as P } from './api/portal';

/** Named schemas of the two OpenAPI documents, for the pages. */
export type CrisisView = C['schemas']['CrisisView'];
export type SearchResult = C['schemas']['SearchResult'];
export type Candidate = C['schemas']['Candidate'];
export type PlanContent = C['schemas']['PlanContent'];
export type VersionStamp = C['schemas']['VersionStamp'];
export type InboxItem = C['schemas']['InboxItem'];
export type ConsentRequest = C['schemas']['ConsentRequest'];
export type PatientPlan = C['schemas']['PatientPlan'];
export type Problem = C['schemas']['Problem'];

export type DraftContent = P['schemas']['DraftContent'];
export type DraftView = P['schemas']['DraftView'];
export type SubmissionView = P['schemas']['SubmissionView'];
export type ProxyView = P['schemas']['ProxyView'];
export type ProxyFor = P['schemas']['ProxyFor'];
export type WithdrawalPreview = P['schemas']['WithdrawalPreview'];
export type Recipient = P['schemas']['Recipient'];

/**
 * Responses the documents on this branch leave without a schema (issue 17's contract work names them); the shapes
 * here are what the services send.
 */
export interface PlanSummary {
  planId: string;
  nhsNumber: string;
  revision: number;
  latestVersion: number;
  hasDraft?: boolean | null;
  draftUpdatedAt?: string | null;
  owningOrganisation: string;
}

export interface PlanDraft {
  planId: string;
  nhsNumber: string;
  revision: number;
  latestVersion: number;
  updatedAt?: string | null;
  updatedBy?: string | null;
  content: PlanContent;
}

export interface Publication {
  planId: string;
  revision: number;
  published: VersionStamp;
  warnings: string[];
}

export type AccessEntry = C['schemas']['AccessEntry'];
