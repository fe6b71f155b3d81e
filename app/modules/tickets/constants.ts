// The words of the tickets capability, shared by the tables, the forms and the pages (no server code here).
export const ticketCategories = ["financing", "tax", "land", "talent", "supply_chain", "orders", "rnd", "legal_rights", "policy", "other"] as const;
export type TicketCategory = (typeof ticketCategories)[number];
export const ticketStatuses = ["submitted", "accepted", "referred", "answered", "resolved", "closed", "rejected"] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export const ticketUrgencies = ["normal", "urgent"] as const;
export type TicketUrgency = (typeof ticketUrgencies)[number];
export const ticketPriorities = ["low", "normal", "high"] as const;
export const ticketSources = ["online", "visit", "phone", "meeting"] as const;
export type TicketSource = (typeof ticketSources)[number];
/** A problem (诉求) or a rights-protection complaint (维权投诉): the same loop, counted apart. */
export const ticketKinds = ["problem", "complaint"] as const;
export type TicketKind = (typeof ticketKinds)[number];
/** The staff queue's tabs: what needs action first, then everything (closed problems last in each). */
export const queueTabs = ["accept", "refer", "overdue", "escalated", "all"] as const;
export type QueueTab = (typeof queueTabs)[number];

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 5;
export const ATTACHMENT_FIELD = "attachments";
