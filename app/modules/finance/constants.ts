// The words of the finance capability, shared by the tables, the rules, the forms and the pages (no server code here).
export const productTypes = ["credit", "mortgage", "guarantee", "supply_chain", "renewal", "policy_subsidised"] as const;
export type ProductType = (typeof productTypes)[number];
export const productStatuses = ["draft", "active", "suspended", "withdrawn"] as const;
export type ProductStatus = (typeof productStatuses)[number];
/** What an enterprise can pledge, and what a product accepts. */
export const collateralKinds = ["property", "equipment", "receivables", "guarantor", "deposit", "land"] as const;
export type CollateralKind = (typeof collateralKinds)[number];
export const needPurposes = ["working_capital", "equipment", "renewal", "expansion", "raw_materials", "export_orders", "other"] as const;
export type NeedPurpose = (typeof needPurposes)[number];
export const needSources = ["member", "survey", "staff"] as const;
export const needStatuses = ["open", "claimed", "answered", "closed", "withdrawn"] as const;
export type NeedStatus = (typeof needStatuses)[number];
/** What the claiming bank tells the enterprise within the response limit. */
export const needOutcomes = ["offer_made", "application_invited", "declined", "referred_elsewhere"] as const;
export type NeedOutcome = (typeof needOutcomes)[number];
export const needFlagKinds = ["unclaimed", "unanswered"] as const;
export type NeedFlagKind = (typeof needFlagKinds)[number];
export const applicationStatuses = ["submitted", "under_review", "info_needed", "approved", "declined", "disbursed", "withdrawn"] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const loanStatuses = ["active", "renewed", "repaid", "closed"] as const;
export type LoanStatus = (typeof loanStatuses)[number];
export const renewalOutcomes = ["renewed_without_principal", "repaid", "other"] as const;
export type RenewalOutcome = (typeof renewalOutcomes)[number];

/** A bank answers a claimed need within this many working days (the tickets' working-day calendar). */
export const RESPONSE_LIMIT_DAYS = 3;
/** A posted need not claimed within this many working days is flagged to the enterprise's liaison. */
export const CLAIM_LIMIT_DAYS = 3;
/** /finance/renewals lists loans maturing within this many days. */
export const RENEWAL_WINDOW_DAYS = 90;
/** A loan not contacted this many days before maturity is flagged. */
export const CONTACT_BEFORE_DAYS = 30;

export const DOCUMENT_FIELD = "documents";
export const MAX_DOCUMENTS = 5;
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** The owner kind of an application's documents in the shared uploads module. */
export const APPLICATION_FILE_OWNER = "finance_application";
