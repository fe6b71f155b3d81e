import { allowAll, only, staffOnly, type ObjectProbe, type RouteAccess } from "./types";

/**
 * Ids are those of the demo data, which is seeded into a fresh database in a fixed order
 * (db/seed/fairs.server.ts): fair 1 = the source's June fair, 2 = the upcoming fair (booth window
 * open), 3 = a draft, 4 = a cancelled fair; booths 27-32 are approved and 33-35 pending at fair 2
 * (none the member's); labour posts 1-28 are the agreed pairs (post 2, a shortage, is closed),
 * 29 is the member demo enterprise's open shortage, 30 another enterprise's open surplus.
 * One row per route file, so every intent of a record page is walked on one record, chosen so
 * that the walk changes nothing others rely on: the fair page on the cancelled fair (publish and
 * cancel are refused with 409, pre-registration and booth requests too, after the gate and
 * validation), the labour post page on the closed post 2 (close and place refused with 409).
 */
const FAIR = 2;
const CANCELLED = 4;
const CLOSED_POST = 2;
const labourViewers = only("member", "staff", "admin");

export const routes: RouteAccess[] = [
  { file: "fairs._index.tsx", path: "/fairs", get: allowAll },
  {
    file: "fairs.new.tsx",
    path: "/fairs/new",
    get: staffOnly,
    // Drafts far in the future (staff only, listed last): the bad-input runner's valid variants create a few.
    actions: [
      {
        form: {},
        expect: staffOnly,
        validForm: {
          title: "坏输入招聘会",
          fairDate: "2099-06-10",
          startsAt: "09:00",
          endsAt: "15:00",
          mode: "onsite",
          venue: "仙降街道",
          onlineUrl: "",
          partnerSchool: "",
          boothCapacity: "10",
          registrationOpens: "2099-05-01",
          registrationCloses: "2099-06-01",
          description: "",
        },
      },
    ],
  },
  {
    file: "fairs.$id._index.tsx",
    path: `/fairs/${CANCELLED}`,
    get: allowAll,
    actions: [
      // On the cancelled fair the module refuses valid forms (409): fields are checked, nothing is written.
      { intent: "preRegister", form: {}, expect: only("seeker"), validForm: { fullName: "王同学", phone: "13900000001", school: "瑞安市职业中等专业学校" } },
      { intent: "requestBooth", form: {}, expect: only("member"), validForm: { enterpriseId: "1", note: "" } },
      { intent: "withdrawBooth", form: { boothId: "0" }, expect: { ...only("member"), member: 404 } },
      { intent: "publish", form: {}, expect: staffOnly },
      { intent: "cancel", form: {}, expect: staffOnly },
    ],
  },
  {
    file: "fairs.$id.booths.tsx",
    path: `/fairs/${FAIR}/booths`,
    get: staffOnly,
    // A decision on a booth that does not exist: validated, then the module's 404; nothing changes.
    actions: [{ form: {}, expect: staffOnly, validForm: { boothId: "999999", decision: "reject", reason: "坏输入" } }],
    noObjectProbe: "staff-only; fairs are the association's, staff manage the booths of every fair",
  },
  {
    file: "fairs.$id.check-in.tsx",
    path: `/fairs/${FAIR}/check-in`,
    get: staffOnly,
    actions: [
      { intent: "code", form: { code: "X" }, expect: staffOnly },
      { intent: "registration", form: { registrationId: "999999" }, expect: { ...staffOnly, staff: 404, admin: 404 } },
    ],
    noObjectProbe: "staff-only; staff check in at every fair",
  },
  { file: "fairs.$id.report.tsx", path: "/fairs/1/report", get: staffOnly, noObjectProbe: "staff-only; the report of every fair is the association's" },
  {
    file: "fairs.$id.report[.csv].tsx",
    path: "/fairs/1/report.csv",
    get: staffOnly,
    noObjectProbe: "staff-only; the report of every fair is the association's",
  },
  { file: "labour-exchange._index.tsx", path: "/labour-exchange", get: labourViewers },
  {
    file: "labour-exchange.new.tsx",
    path: "/labour-exchange/new",
    get: only("member"),
    // For an enterprise the member does not belong to: validated, then refused (404); nothing is posted.
    actions: [
      {
        form: {},
        expect: only("member"),
        validForm: {
          enterpriseId: "2",
          kind: "surplus",
          skills: "sewing",
          headcount: "1",
          periodStart: "2031-01-01",
          periodEnd: "2031-01-02",
          location: "仙降村",
          note: "",
        },
      },
    ],
  },
  {
    file: "labour-exchange.$id.tsx",
    path: `/labour-exchange/${CLOSED_POST}`,
    // A closed post of another enterprise: members no longer see it (404); staff do.
    get: { ...labourViewers, member: 404 },
    actions: [
      { intent: "close", form: {}, expect: { ...labourViewers, member: 404 } },
      { intent: "place", form: { counterpartId: "1", headcount: "1", placedOn: "2031-01-01" }, expect: { ...labourViewers, member: 404 } },
    ],
  },
];

export const probes: ObjectProbe[] = [
  { description: "a draft fair is not shown to the public or seekers", as: "seeker", path: "/fairs/3", mustNotContain: ["春季校园招聘会"] },
  { description: "a draft fair is not shown to member users", as: "member", path: "/fairs/3", mustNotContain: ["春季校园招聘会"] },
  {
    description: "a member cannot withdraw another enterprise's booth request",
    as: "member",
    path: `/fairs/${FAIR}`,
    method: "POST",
    form: { intent: "withdrawBooth", boothId: "33" },
  },
  {
    description: "a member cannot request a booth for an enterprise it does not belong to",
    as: "member",
    path: `/fairs/${FAIR}`,
    method: "POST",
    form: { intent: "requestBooth", enterpriseId: "2" },
  },
  { description: "a closed labour post of another enterprise is not shown to a member", as: "member", path: "/labour-exchange/2" },
  {
    description: "a member cannot close another enterprise's labour post",
    as: "member",
    path: "/labour-exchange/30",
    method: "POST",
    form: { intent: "close" },
  },
  {
    description: "a member cannot post for an enterprise it does not belong to",
    as: "member",
    path: "/labour-exchange/new",
    method: "POST",
    form: { enterpriseId: "2", kind: "surplus", skills: "sewing", headcount: "1", periodStart: "2031-01-01", periodEnd: "2031-01-02", location: "仙降村" },
  },
];
