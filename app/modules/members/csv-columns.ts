/** Columns of the bulk-import CSV (kept apart from the parser so pages can list them cheaply). */
export const IMPORT_COLUMNS = [
  "name",
  "credit_code",
  "legal_rep",
  "address",
  "village",
  "segment",
  "above_size",
  "annual_output_wan",
  "employees",
  "export_share_pct",
  "contact_person",
  "phone",
  "email",
  "association_code",
  "membership_type",
] as const;

export const REQUIRED_COLUMNS = ["name", "credit_code", "legal_rep", "address", "village", "segment", "contact_person", "phone", "association_code"] as const;
