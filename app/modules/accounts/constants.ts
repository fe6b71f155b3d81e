// The words of the accounts capability, shared by the tables (db/schema imports them), the forms and the pages: no server code here.
export const roles = ["admin", "staff", "department", "bank", "mediator", "member", "seeker"] as const;
export type Role = (typeof roles)[number];
