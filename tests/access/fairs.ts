import { allowAll, only, staffOnly, type ByRole, type ObjectProbe, type RouteAccess } from "./types";

/**
 * Ids are those of the demo data, which is seeded into a fresh database in a fixed order
 * (db/seed/fairs.server.ts): fair 1 = the source's June fair, 2 = the upcoming fair (booth window
 * open), 3 = a draft; booths 27-32 are approved and 33-35 pending at fair 2 (none the member's);
 * labour posts 1-28 are the agreed pairs (post 2, a shortage, is closed), 29 is the member
 * demo enterprise's open shortage, 30 another enterprise's open surplus.
 * Destructive actions (publish, cancel, close, place) are probed on a missing id (999) so the
 * walk changes nothing: the gate answers first (login/403), then the module's 404.
 */
const FAIR = 2;
const MISSING = 999;
const staffThen404: ByRole = { ...staffOnly, staff: 404, admin: 404 };
const labourViewers = only("member", "staff", "admin");

export const routes: RouteAccess[] = [
  { file: "fairs._index.tsx", path: "/fairs", get: allowAll },
  { file: "fairs.new.tsx", path: "/fairs/new", get: staffOnly, actions: [{ form: {}, expect: staffOnly }] },
  {
    file: "fairs.$id._index.tsx",
    path: `/fairs/${FAIR}`,
    get: allowAll,
    actions: [
      { intent: "preRegister", form: {}, expect: only("seeker") },
      { intent: "requestBooth", form: {}, expect: only("member") },
      { intent: "withdrawBooth", form: { boothId: "0" }, expect: { ...only("member"), member: 404 } },
    ],
  },
  {
    file: "fairs.$id._index.tsx",
    path: `/fairs/${MISSING}`,
    actions: [
      { intent: "publish", form: {}, expect: staffThen404 },
      { intent: "cancel", form: {}, expect: staffThen404 },
    ],
  },
  { file: "fairs.$id.booths.tsx", path: `/fairs/${FAIR}/booths`, get: staffOnly, actions: [{ form: {}, expect: staffOnly }] },
  {
    file: "fairs.$id.check-in.tsx",
    path: `/fairs/${FAIR}/check-in`,
    get: staffOnly,
    actions: [
      { intent: "code", form: { code: "X" }, expect: staffOnly },
      { intent: "registration", form: { registrationId: "999999" }, expect: staffThen404 },
    ],
  },
  { file: "fairs.$id.report.tsx", path: "/fairs/1/report", get: staffOnly },
  { file: "fairs.$id.report[.csv].tsx", path: "/fairs/1/report.csv", get: staffOnly },
  { file: "labour-exchange._index.tsx", path: "/labour-exchange", get: labourViewers },
  { file: "labour-exchange.new.tsx", path: "/labour-exchange/new", get: only("member"), actions: [{ form: {}, expect: only("member") }] },
  { file: "labour-exchange.$id.tsx", path: "/labour-exchange/30", get: labourViewers },
  {
    file: "labour-exchange.$id.tsx",
    path: `/labour-exchange/${MISSING}`,
    actions: [
      { intent: "close", form: {}, expect: { ...labourViewers, member: 404, staff: 404, admin: 404 } },
      { intent: "place", form: { counterpartId: "1", headcount: "1", placedOn: "2031-01-01" }, expect: { ...labourViewers, member: 404, staff: 404, admin: 404 } },
    ],
  },
];

export const probes: ObjectProbe[] = [
  { description: "a draft fair is not shown to the public or seekers", as: "seeker", path: "/fairs/3", mustNotContain: ["春季校园招聘会"] },
  { description: "a draft fair is not shown to member users", as: "member", path: "/fairs/3", mustNotContain: ["春季校园招聘会"] },
  { description: "a member cannot withdraw another enterprise's booth request", as: "member", path: `/fairs/${FAIR}`, method: "POST", form: { intent: "withdrawBooth", boothId: "33" } },
  { description: "a member cannot request a booth for an enterprise it does not belong to", as: "member", path: `/fairs/${FAIR}`, method: "POST", form: { intent: "requestBooth", enterpriseId: "2" } },
  { description: "a closed labour post of another enterprise is not shown to a member", as: "member", path: "/labour-exchange/2" },
  { description: "a member cannot close another enterprise's labour post", as: "member", path: "/labour-exchange/30", method: "POST", form: { intent: "close" } },
  {
    description: "a member cannot post for an enterprise it does not belong to",
    as: "member",
    path: "/labour-exchange/new",
    method: "POST",
    form: { enterpriseId: "2", kind: "surplus", skills: "sewing", headcount: "1", periodStart: "2031-01-01", periodEnd: "2031-01-02", location: "仙降村" },
  },
];
