import { only, staffOnly, type ByRole, type ObjectProbe, type RouteAccess } from "./types";

// Shared-court cases are confidential: only the parties' users, the assigned mediator and the
// station's staff see one; every other signed-in user gets 404 (the admin demo user works at no
// station). Fixtures (tests/access/fixtures.ts): case 1 is the member demo user's case at station 1
// in mediation with mediator@; case 2 is another station's; case 6 the member's settled case with
// its agreement; case 32 a station-1 case of other enterprises referred to court.
const caseViewers: ByRole = { anonymous: "login", seeker: 404, member: "ok", department: 404, bank: 404, mediator: "ok", staff: "ok", admin: 404 };
const stationOnly: ByRole = { ...caseViewers, member: 404 };
// Case 1 is in mediation: every intent below is refused by the state machine, by its place on the
// case (409), or by validation (400), so the walk changes nothing.
const intents = [
  "accept",
  "decline",
  "assign",
  "invite",
  "answer",
  "session",
  "minutes",
  "draft",
  "confirm",
  "rejectAgreement",
  "fail",
  "refer",
  "apply",
  "decide",
  "close",
  "requestExtension",
  "consentExtension",
  "addEvidence",
];

export const routes: RouteAccess[] = [
  { file: "disputes._index.tsx", path: "/disputes", get: only("member", "mediator", "staff", "admin") },
  { file: "disputes.new.tsx", path: "/disputes/new", get: only("member"), actions: [{ form: {}, expect: only("member") }] },
  {
    file: "disputes.$id.tsx",
    path: "/disputes/{caseOfMember}",
    get: caseViewers,
    actions: intents.map((intent) => ({
      intent,
      form: {},
      expect: caseViewers,
      ...(intent === "addEvidence"
        ? { skipBadInput: "a multipart upload: the uploads module's own tests and tests/integration/disputes.test.ts cover bad files" }
        : {}),
    })),
  },
  { file: "disputes.$id_.files.$fileId.ts", path: "/disputes/{caseOfMember}/files/{evidenceOfMember}", get: caseViewers },
  { file: "disputes.$id_.agreement.tsx", path: "/disputes/{caseSettledOfMember}/agreement", get: caseViewers },
  { file: "disputes.$id_.referral.tsx", path: "/disputes/{caseReferredAtStation1}/referral", get: stationOnly },
  { file: "disputes.legal.tsx", path: "/disputes/legal", get: staffOnly, actions: [{ form: {}, expect: staffOnly }] },
];

export const probes: ObjectProbe[] = [
  { description: "a member opens another enterprise's case at another station", as: "member", path: "/disputes/{caseOfOther}" },
  { description: "a mediator opens a case of another station", as: "mediator", path: "/disputes/{caseOfOther}" },
  {
    description: "a member confirms an agreement on another enterprise's case",
    as: "member",
    path: "/disputes/{caseOfOther}",
    method: "POST",
    form: { intent: "confirm" },
  },
  {
    description: "a mediator records minutes on a case not assigned to them",
    as: "mediator",
    path: "/disputes/{caseOfOther}",
    method: "POST",
    form: { intent: "minutes", sessionId: "1", minutes: "probe" },
  },
  { description: "a member downloads its own evidence through another case's id", as: "member", path: "/disputes/{caseOfOther}/files/{evidenceOfMember}" },
  { description: "a member prints another enterprise's agreement", as: "member", path: "/disputes/{caseOfOther}/agreement" },
  { description: "a member prints the referral letter of a case it is not a party to", as: "member", path: "/disputes/{caseReferredAtStation1}/referral" },
  { description: "the admin, who works at no station, opens a case", as: "admin", path: "/disputes/{caseOfMember}" },
  { description: "a department liaison opens a case", as: "department", path: "/disputes/{caseOfMember}" },
];
