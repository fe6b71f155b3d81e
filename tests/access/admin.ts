import { adminOnly, staffOnly, type ObjectProbe, type RouteAccess } from "./types";

// Admin pages (issue 2). The user pages have an id in the URL but no owner: only admins open
// them, and an admin may open every user. Forms sent by the walker are refused by validation
// or by the module (own account), so walking the matrix changes nothing.
export const routes: RouteAccess[] = [
  { file: "admin.users._index.tsx", path: "/admin/users", get: adminOnly },
  {
    file: "admin.users.new.tsx",
    path: "/admin/users/new",
    get: adminOnly,
    actions: [
      {
        form: {},
        expect: adminOnly,
        validForm: {
          displayName: "坏输入",
          email: "{unique}@bad-input.test",
          phone: "",
          role: "mediator",
          departmentId: "",
          bankId: "",
          enterpriseCode: "",
          password: "long-enough-password",
        },
      },
    ],
  },
  {
    file: "admin.users.$id.tsx",
    path: "/admin/users/{adminUser}",
    get: adminOnly,
    // The admin's own account: the module refuses (409), so no role changes and nobody is disabled.
    actions: [
      { intent: "set-role", form: { role: "staff", departmentId: "", bankId: "" }, expect: adminOnly },
      { intent: "disable", form: {}, expect: adminOnly },
      { intent: "enable", form: {}, expect: adminOnly },
      // The admin works at no station: an empty list changes nothing.
      { intent: "set-stations", form: {}, expect: adminOnly },
    ],
    noObjectProbe: "admin-only; users have no owner and an admin may open every user",
  },
  {
    file: "admin.associations.tsx",
    path: "/admin/associations",
    get: adminOnly,
    // Refused by validation (no association): nothing changes.
    actions: [{ intent: "duesPayment", form: {}, expect: adminOnly }],
  },
  { file: "admin.audit.tsx", path: "/admin/audit", get: staffOnly },
  { file: "admin.audit[.csv].ts", path: "/admin/audit.csv", get: staffOnly },
];

export const probes: ObjectProbe[] = [];
