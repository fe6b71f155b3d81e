import { enterpriseName } from "../../db/seed/demo-names";
import { allowAll, only, staffOnly, type ObjectProbe, type RouteAccess } from "./types";

// {memberEnterprise} / {otherEnterprise}: enterprise 1 (the member demo user's) and 2 (not theirs),
// see tests/access/fixtures.ts. The demo seed creates exactly one join application: id 1.
const memberOnly = only("member");

export const routes: RouteAccess[] = [
  { file: "join.tsx", path: "/join", get: allowAll, actions: [{ form: {}, expect: allowAll }] },
  { file: "directory.tsx", path: "/directory", get: allowAll },
  { file: "members._index.tsx", path: "/members", get: staffOnly, actions: [{ intent: "sweep", expect: staffOnly }] },
  { file: "members.export.ts", path: "/members/export", get: staffOnly },
  { file: "members.import-template.ts", path: "/members/import-template", get: staffOnly },
  { file: "members.import.tsx", path: "/members/import", get: staffOnly, actions: [{ form: {}, expect: staffOnly }] },
  { file: "members.applications._index.tsx", path: "/members/applications", get: staffOnly },
  {
    file: "members.applications.$id.tsx",
    path: "/members/applications/1",
    get: staffOnly,
    // A reject without its reason: refused with 400, so the demo application stays pending.
    actions: [{ intent: "reject", form: {}, expect: staffOnly }],
    noObjectProbe: "staff-only; join applications have no owner among the portal's users, staff decide them all",
  },
  {
    file: "members.$id.tsx",
    path: "/members/{otherEnterprise}",
    get: staffOnly,
    actions: ["update", "status", "type", "addMembership", "duesPaid", "addUser", "decideChange", "liaison"].map((intent) => ({
      intent,
      form: {},
      expect: staffOnly,
    })),
    noObjectProbe: "staff-only; staff manage every member enterprise (members see theirs under /my/enterprises, probed)",
  },
  { file: "my._index.tsx", path: "/my", get: memberOnly },
  {
    file: "my.enterprises.$id.tsx",
    path: "/my/enterprises/{memberEnterprise}",
    get: memberOnly,
    actions: [
      { intent: "contact", form: {}, expect: memberOnly },
      { intent: "requestChange", form: {}, expect: memberOnly },
    ],
  },
];

const otherName = enterpriseName(1); // enterprise id 2

export const probes: ObjectProbe[] = [
  { description: "a member opens another enterprise's record", as: "member", path: "/my/enterprises/{otherEnterprise}", mustNotContain: [otherName] },
  {
    description: "a member changes another enterprise's contact details",
    as: "member",
    path: "/my/enterprises/{otherEnterprise}",
    method: "POST",
    form: { intent: "contact", contactPerson: "入侵者", phone: "13800000000", address: "瑞安市", publicFields: "phone" },
    mustNotContain: [otherName],
  },
  {
    description: "a member asks to rename another enterprise",
    as: "member",
    path: "/my/enterprises/{otherEnterprise}",
    method: "POST",
    form: { intent: "requestChange", name: "偷改名称有限公司" },
    mustNotContain: [otherName],
  },
  { description: "a member opens an enterprise id that does not exist", as: "member", path: "/my/enterprises/999999" },
];
