import { adminOnly, only, staffOnly, type ByRole, type ObjectProbe, type RouteAccess } from "./types";

const listers = only("member", "staff", "admin");
const viewers: ByRole = { ...only("member", "department", "staff", "admin") };
const triage = staffOnly;
const answerers = only("department");
const responders = only("member");
// The member's attachment is on a problem not referred anywhere: the department liaison, who
// may view problems in general, gets 404 for this one.
const attachmentViewers: ByRole = { ...only("member", "staff", "admin"), department: 404 };

export const routes: RouteAccess[] = [
  {
    file: "tickets._index.tsx",
    path: "/tickets",
    get: listers,
    // The queue row's actions on an escalated problem (chase the department, reassign): staff only.
    actions: [
      { intent: "chase", form: {}, expect: triage },
      { intent: "reassign", form: {}, expect: triage },
    ],
  },
  { file: "tickets.export.ts", path: "/tickets/export", get: staffOnly },
  { file: "tickets.new.tsx", path: "/tickets/new", get: listers, actions: [{ form: {}, expect: listers }] },
  {
    file: "tickets.$id.tsx",
    path: "/tickets/{ticketOfMember}",
    get: viewers,
    // Ticket 27 is referred to the tax bureau and stays so: the walker's empty forms are refused
    // (400), and the bad-input runner's valid forms only for intents the state machine refuses on a
    // referred ticket (409: accept, reject, refer, resolve, reopen, rate; provideInfo when nothing
    // was asked). answer, return, requestInfo and comment would change it: their fields are not fuzzed here.
    actions: [
      { intent: "accept", form: {}, expect: triage, validForm: { category: "tax", priority: "normal", handlerId: "demo-staff" } },
      { intent: "reject", form: {}, expect: triage, validForm: { reason: "坏输入" } },
      { intent: "refer", form: {}, expect: triage, validForm: { departmentId: "1", note: "" } },
      { intent: "resolve", form: {}, expect: triage, validForm: { outcome: "坏输入" } },
      { intent: "requestInfo", form: {}, expect: triage },
      { intent: "answer", form: {}, expect: answerers },
      { intent: "return", form: {}, expect: answerers },
      { intent: "rate", form: {}, expect: responders, validForm: { rating: "5", comment: "" } },
      { intent: "reopen", form: {}, expect: responders, validForm: { reason: "坏输入" } },
      { intent: "provideInfo", form: {}, expect: responders, validForm: { reply: "坏输入" } },
      { intent: "comment", form: {}, expect: viewers },
    ],
  },
  { file: "tickets.$id.attachments.$attachmentId.ts", path: "/tickets/{ticketWithAttachment}/attachments/{attachmentOfMember}", get: attachmentViewers },
  { file: "inbox.tsx", path: "/inbox", get: only("department") },
  { file: "visits._index.tsx", path: "/visits", get: staffOnly, actions: [{ form: {}, expect: staffOnly }] },
  {
    file: "visits.$id.tsx",
    path: "/visits/{visit}",
    get: staffOnly,
    noObjectProbe: "visits are staff records: every staff member may open every visit, no one else may open any",
  },
  { file: "reports.tsx", path: "/reports", get: staffOnly },
  { file: "reports[.csv].ts", path: "/reports.csv", get: staffOnly },
  {
    file: "admin.tickets.tsx",
    path: "/admin/tickets",
    get: adminOnly,
    actions: [
      { intent: "department", form: {}, expect: adminOnly },
      { intent: "day", form: {}, expect: adminOnly },
    ],
  },
];

export const probes: ObjectProbe[] = [
  { description: "a member opens another enterprise's problem", as: "member", path: "/tickets/{ticketOfOther}" },
  {
    description: "a member comments on another enterprise's problem",
    as: "member",
    path: "/tickets/{ticketOfOther}",
    method: "POST",
    form: { intent: "comment", body: "probe" },
  },
  {
    description: "a member rates another enterprise's problem",
    as: "member",
    path: "/tickets/{ticketOfOther}",
    method: "POST",
    form: { intent: "rate", rating: "5" },
  },
  {
    description: "a member downloads another enterprise's attachment through its own problem id",
    as: "member",
    path: "/tickets/{ticketOfOther}/attachments/{attachmentOfMember}",
  },
  { description: "a department opens a problem referred to another department", as: "department", path: "/tickets/{ticketOfOther}" },
  {
    description: "a department answers a problem referred to another department",
    as: "department",
    path: "/tickets/{ticketOfOther}",
    method: "POST",
    form: { intent: "answer", answer: "probe" },
  },
  {
    description: "a department downloads an attachment of a problem not referred to it",
    as: "department",
    path: "/tickets/{ticketWithAttachment}/attachments/{attachmentOfMember}",
  },
];
