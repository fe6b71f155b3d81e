import { only, staffOnly, type ByRole, type ObjectProbe, type RouteAccess } from "./types";

/** The gateway API answers 401 to every browser session, whatever its role: only bearer tokens count. */
const refusedToSessions: ByRole = { anonymous: 401, seeker: 401, member: 401, department: 401, bank: 401, mediator: 401, staff: 401, admin: 401 };
const apiGet: ByRole = { anonymous: 405, seeker: 405, member: 405, department: 405, bank: 405, mediator: 405, staff: 405, admin: 405 };
const alarmViewers = only("member", "staff", "admin");
const staffReason =
  "monitoring records are staff records: every staff member may open every one, no other role may open any (members see their own series at /my)";
const apiReason =
  "a JSON API for gateways authenticated by bearer token: its bad bodies (bad JSON, unknown meters, future times, negative values, oversize batches) are tested in tests/integration/monitoring.test.ts and the e2e gateway journey";

export const routes: RouteAccess[] = [
  { file: "monitoring._index.tsx", path: "/monitoring", get: staffOnly },
  {
    file: "monitoring.enterprises.$id.tsx",
    path: "/monitoring/enterprises/{memberEnterprise}",
    get: staffOnly,
    noObjectProbe: staffReason,
    // An unknown flag kind: refused (400) before anything is recorded.
    actions: [
      {
        intent: "visit",
        form: { kind: "none" },
        expect: staffOnly,
        skipBadInput: "a valid submission records a visit or a problem; covered in tests/integration/monitoring.test.ts and tests/e2e/monitoring.spec.ts",
      },
      {
        intent: "ticket",
        form: { kind: "none" },
        expect: staffOnly,
        skipBadInput: "a valid submission records a problem; covered in tests/integration/monitoring.test.ts",
      },
    ],
  },
  {
    file: "monitoring.meters.tsx",
    path: "/monitoring/meters",
    get: staffOnly,
    actions: [
      { intent: "add", form: {}, expect: staffOnly, validForm: { code: "BAD{unique}", enterpriseId: "", installedOn: "" } },
      { intent: "bind", form: {}, expect: staffOnly },
    ],
  },
  { file: "monitoring.import.tsx", path: "/monitoring/import", get: staffOnly, actions: [{ form: {}, expect: staffOnly }] },
  { file: "monitoring.buildings._index.tsx", path: "/monitoring/buildings", get: staffOnly },
  {
    file: "monitoring.buildings.$id.tsx",
    path: "/monitoring/buildings/{building}",
    get: staffOnly,
    noObjectProbe: staffReason,
    actions: [{ form: {}, expect: staffOnly }],
  },
  { file: "monitoring.alarms._index.tsx", path: "/monitoring/alarms", get: staffOnly },
  {
    file: "monitoring.alarms.$id.tsx",
    path: "/monitoring/alarms/{alarmOfMember}",
    get: alarmViewers,
    actions: [
      // Without a photo the tenant's report is refused (400); others may not report.
      { intent: "report", form: {}, expect: only("member") },
      // An over-long note is refused (400): the walker must not close the alarm the e2e journey uses.
      {
        intent: "confirm",
        form: { note: "x".repeat(1001) },
        expect: staffOnly,
        skipBadInput: "a valid confirmation closes the demo alarm other tests use; covered in tests/integration/monitoring.test.ts",
      },
    ],
  },
  { file: "monitoring.alarms.$id.photos.$fileId.ts", path: "/monitoring/alarms/{alarmOfMember}/photos/{cameraPhotoOfMember}", get: alarmViewers },
  {
    file: "admin.gateways.tsx",
    path: "/admin/gateways",
    get: staffOnly,
    actions: [
      { intent: "create", form: {}, expect: staffOnly },
      { intent: "revoke", form: {}, expect: staffOnly },
    ],
  },
  {
    file: "admin.monitoring.tsx",
    path: "/admin/monitoring",
    get: staffOnly,
    actions: [
      {
        form: {},
        expect: staffOnly,
        skipBadInput: "a valid submission changes the thresholds the e2e journey relies on; bounds are unit- and integration-tested",
      },
    ],
  },
  {
    file: "api.monitoring.readings.ts",
    path: "/api/monitoring/readings",
    get: apiGet,
    actions: [{ form: {}, expect: refusedToSessions, skipBadInput: apiReason }],
  },
  {
    file: "api.monitoring.passage-alarms.ts",
    path: "/api/monitoring/passage-alarms",
    get: apiGet,
    actions: [{ form: {}, expect: refusedToSessions, skipBadInput: apiReason }],
  },
];

export const probes: ObjectProbe[] = [
  { description: "a member opens another enterprise's violation notice", as: "member", path: "/monitoring/alarms/{alarmOfOther}" },
  {
    description: "a member reports another enterprise's passage cleared",
    as: "member",
    path: "/monitoring/alarms/{alarmOfOther}",
    method: "POST",
    form: { intent: "report" },
  },
  {
    description: "a member downloads a camera photo through another enterprise's alarm",
    as: "member",
    path: "/monitoring/alarms/{alarmOfOther}/photos/{cameraPhotoOfMember}",
  },
];
