// The words of the members capability, shared by the tables (db/schema imports them), the forms and the pages: no server code here.
export const associationKinds = ["centre", "federation", "chamber"] as const;
export const segments = ["finished_shoes", "soles", "uppers", "moulds", "materials", "machinery", "other"] as const;
export type Segment = (typeof segments)[number];
export const publicFieldNames = ["legalRep", "address", "village", "segment", "contactPerson", "phone", "email", "employees"] as const;
export type PublicField = (typeof publicFieldNames)[number];
export const membershipTypes = ["member", "council_member", "executive_committee", "director", "vice_director"] as const;
export type MembershipType = (typeof membershipTypes)[number];
export const membershipStatuses = ["pending", "active", "lapsed", "suspended", "withdrawn"] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];
export const reminderKinds = ["due_soon", "overdue", "lapsed"] as const;
export const joinApplicationStatuses = ["pending", "approved", "rejected"] as const;
export const changeRequestStatuses = ["pending", "approved", "rejected"] as const;
