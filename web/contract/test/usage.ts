// Uses the generated types as a web app would: if an operation's body loses its schema, or a header or member is
// renamed, this stops compiling. Types only: nothing here runs.
import type { components as Clinical, operations as ClinicalOps } from "../generated/clinical";
import type { components as Portal, operations as PortalOps } from "../generated/portal";

type Json<Op, Code extends number> = Op extends { responses: infer R }
  ? Code extends keyof R
    ? R[Code] extends { content: { "application/json": infer Body } } ? Body : never
    : never
  : never;

type Headers<Op, Code extends number> = Op extends { responses: infer R }
  ? Code extends keyof R ? R[Code] extends { headers: infer H } ? H : never : never
  : never;

// Clinical: initiate, read and save the draft with its ETag, publish.
const initiate: ClinicalOps["initiatePlan"]["requestBody"] = {
  content: {
    "application/json": {
      nhsNumber: "9434765919",
      consent: { basis: "EXPLICIT_CONSENT", notes: "Discussed at home with the patient and their daughter" },
    },
  },
};
const created: Json<ClinicalOps["initiatePlan"], 201> = {};
const createdHeaders: Headers<ClinicalOps["initiatePlan"], 201> = { ETag: "\"1\"", Location: "/v1/plans/9434765919" };
const draft: Json<ClinicalOps["readDraft"], 200> = { revision: 3, content: {} };
const save: ClinicalOps["saveDraft"]["parameters"]["header"] = { "If-Match": createdHeaders.ETag ?? "" };
const published: Json<ClinicalOps["publishDraft"], 201> = { published: {}, warnings: ["Review date is in a year"] };
const summary: Json<ClinicalOps["readPlanSummary"], 200> = {};
const receipt: Json<ClinicalOps["deliverSubmittedDraft"], 201> = {};
const delivery: ClinicalOps["deliverSubmittedDraft"]["parameters"]["header"] = { "Idempotency-Key": "draft id" };
const attachment: Json<ClinicalOps["attachDocument"], 201> = {};
const pdf: ClinicalOps["printVersion"]["responses"][200]["content"]["application/pdf"] = "binary";
const revision: number | undefined = draft.revision;

// Portal: start, save and submit a draft; invite a proxy.
const start: Json<PortalOps["startDraft"], 201> = {};
const submitted: PortalOps["submitDraft"]["responses"][202]["content"]["application/json"] = { status: "SUBMITTED" };
const invitation: PortalOps["inviteProxy"]["requestBody"] = {
  content: { "application/json": { email: "jones.4010232137@example.org", dateOfBirth: "1952-11-30" } },
};
const proxy: Json<PortalOps["inviteProxy"], 201> = {};
const myPlan: Json<PortalOps["readMyPlan"], 200> = { version: 1 };

// Every list answers one page: its items, the total where counted, and links to follow.
const inbox: Json<ClinicalOps["listSubmittedDrafts"], 200> = {
  items: [{ organisation: "A83008" }], total: 51,
  links: { self: "/v1/intake/submitted-drafts?page=0", next: "/v1/intake/submitted-drafts?page=1" },
};
const versions: Clinical["schemas"]["VersionStamp"][] = ({ items: [], links: { self: "" } } satisfies
  Json<ClinicalOps["listVersions"], 200>).items;
const feed: Json<ClinicalOps["readFlagFeed"], 200> = { items: [], nextCursor: 42, links: { self: "/v1/urgent-care/flags" } };
const proxies: Json<PortalOps["listMyProxies"], 200> = { items: [], total: 0, links: { self: "/v1/proxies" } };
const nextPage: string | undefined = inbox.links.next;

// What the portal relays is the clinical API's own shape.
const relayed: Clinical["schemas"]["PatientPlan"] = myPlan satisfies Portal["schemas"]["PatientPlan"];

export const used = [initiate, created, createdHeaders, draft, save, published, summary, receipt, delivery, attachment,
  pdf, revision, start, submitted, invitation, proxy, myPlan, relayed, inbox, versions, feed, proxies, nextPage];
