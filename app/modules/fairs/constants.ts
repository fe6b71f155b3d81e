// The words of the fairs capability, shared by the tables (db/schema imports them), the forms and the pages: no server code here.
export const fairModes = ["onsite", "online"] as const;
export type FairMode = (typeof fairModes)[number];
export const fairStatuses = ["draft", "published", "cancelled"] as const;
export type FairStatus = (typeof fairStatuses)[number];
export const boothStatuses = ["requested", "approved", "rejected", "withdrawn"] as const;
export type BoothStatus = (typeof boothStatuses)[number];
