import { allowAll, only, staffOnly, type ObjectProbe, type RouteAccess } from "./types";

// Ids: db/seed/finance.server.ts (fixed in a fresh database; tests/integration/finance-demo.test.ts checks them).
// The rows point at records the walker's forms cannot change: need 1 is answered (claim and withdraw
// are refused with 409), application 1 is declined (every move is refused), and the empty forms fail validation.
const financeUsers = only("member", "bank", "staff", "admin");
const officersAndStaff = only("bank", "staff", "admin");
const membersAndStaff = only("member", "staff", "admin");
const bankOnly = only("bank");
const memberOnly = only("member");

export const routes: RouteAccess[] = [
  {
    file: "finance._index.tsx",
    path: "/finance",
    get: financeUsers,
    actions: [
      { intent: "createLine", form: {}, expect: staffOnly },
      { intent: "updateLine", form: {}, expect: staffOnly },
    ],
  },
  { file: "finance.products._index.tsx", path: "/finance/products", get: allowAll },
  { file: "finance.products.new.tsx", path: "/finance/products/new", get: officersAndStaff, actions: [{ form: {}, expect: officersAndStaff }] },
  { file: "finance.products.$id._index.tsx", path: "/finance/products/{productOfBank}", get: allowAll },
  {
    file: "finance.products.$id.edit.tsx",
    path: "/finance/products/{productOfBank}/edit",
    get: officersAndStaff,
    actions: [{ form: {}, expect: officersAndStaff }],
  },
  { file: "finance.needs._index.tsx", path: "/finance/needs", get: financeUsers },
  { file: "finance.needs.new.tsx", path: "/finance/needs/new", get: membersAndStaff, actions: [{ form: {}, expect: membersAndStaff }] },
  { file: "finance.needs.import.tsx", path: "/finance/needs/import", get: staffOnly, actions: [{ form: {}, expect: staffOnly }] },
  { file: "finance.needs.template[.csv].ts", path: "/finance/needs/template.csv", get: staffOnly },
  {
    file: "finance.needs.$id.tsx",
    path: "/finance/needs/{needOfMember}",
    get: financeUsers,
    actions: [
      { intent: "claim", form: {}, expect: bankOnly },
      { intent: "respond", form: {}, expect: bankOnly },
      { intent: "withdraw", form: {}, expect: membersAndStaff },
    ],
  },
  { file: "finance.applications._index.tsx", path: "/finance/applications", get: financeUsers },
  {
    file: "finance.applications.new.tsx",
    path: "/finance/applications/new?product={productOfBank}",
    get: memberOnly,
    actions: [{ form: {}, expect: memberOnly }],
  },
  {
    file: "finance.applications.$id._index.tsx",
    path: "/finance/applications/{applicationOfMember}",
    get: financeUsers,
    actions: [
      { intent: "review", form: {}, expect: bankOnly },
      { intent: "requestInfo", form: {}, expect: bankOnly },
      { intent: "approve", form: {}, expect: bankOnly },
      { intent: "decline", form: {}, expect: bankOnly },
      { intent: "disburse", form: {}, expect: bankOnly },
      { intent: "provideInfo", form: {}, expect: memberOnly },
      { intent: "withdraw", form: {}, expect: memberOnly },
      { intent: "documents", form: {}, expect: memberOnly },
    ],
  },
  {
    file: "finance.applications.$id.documents.$fileId.ts",
    path: "/finance/applications/{applicationOfMember}/documents/{applicationDocumentOfMember}",
    get: financeUsers,
  },
  {
    file: "finance.renewals.tsx",
    path: "/finance/renewals",
    get: officersAndStaff,
    actions: [
      { intent: "contact", form: {}, expect: officersAndStaff },
      { intent: "outcome", form: {}, expect: officersAndStaff },
    ],
  },
];

export const probes: ObjectProbe[] = [
  { description: "a member opens another enterprise's financing need", as: "member", path: "/finance/needs/{needOfOther}" },
  {
    description: "a member withdraws another enterprise's financing need",
    as: "member",
    path: "/finance/needs/{needOfOther}",
    method: "POST",
    form: { intent: "withdraw" },
  },
  { description: "a bank officer opens a need no product of its bank fits", as: "bank", path: "/finance/needs/{needNotMatchedToBank}" },
  {
    description: "a bank officer claims a need no product of its bank fits",
    as: "bank",
    path: "/finance/needs/{needNotMatchedToBank}",
    method: "POST",
    form: { intent: "claim" },
  },
  { description: "a member opens another enterprise's loan application", as: "member", path: "/finance/applications/{applicationOfOther}" },
  { description: "a bank officer opens an application to another bank", as: "bank", path: "/finance/applications/{applicationOfOther}" },
  {
    description: "a bank officer approves an application to another bank",
    as: "bank",
    path: "/finance/applications/{applicationOfOther}",
    method: "POST",
    form: { intent: "approve", amountWan: "100", ratePct: "4", termMonths: "12" },
  },
  {
    description: "a bank officer downloads a document of an application to another bank, through that application's id",
    as: "bank",
    path: "/finance/applications/{applicationOfOther}/documents/{applicationDocumentOfMember}",
  },
  { description: "a bank officer edits another bank's product", as: "bank", path: "/finance/products/{productOfOtherBank}/edit" },
  { description: "a bank officer opens another bank's suspended product", as: "bank", path: "/finance/products/{hiddenProduct}" },
  { description: "a member applies through another bank's suspended product", as: "member", path: "/finance/applications/new?product={hiddenProduct}" },
];
