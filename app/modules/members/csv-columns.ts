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

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The same columns under their Chinese names (what staff type in a spreadsheet); either is accepted. */
export const CHINESE_COLUMN_NAMES: Record<ImportColumn, string> = {
  name: "企业名称",
  credit_code: "统一社会信用代码",
  legal_rep: "法定代表人",
  address: "地址",
  village: "所在村（社区）",
  segment: "产业环节",
  above_size: "规上企业",
  annual_output_wan: "年产值（万元）",
  employees: "员工人数",
  export_share_pct: "出口占比（%）",
  contact_person: "联系人",
  phone: "联系电话",
  email: "电子邮箱",
  association_code: "组织代码",
  membership_type: "会员类型",
};

/** Header text compared without case, spaces or the width of its brackets. */
function headerKey(h: string): string {
  return h.trim().toLowerCase().replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")");
}

const columnByHeader = new Map<string, string>([
  ...IMPORT_COLUMNS.map((c) => [headerKey(c), c] as const),
  ...Object.entries(CHINESE_COLUMN_NAMES).map(([c, zh]) => [headerKey(zh), c] as const),
]);

/** The column id a header names (English id or Chinese name); an unknown header is kept as typed, lower-cased. */
export function importColumnOf(header: string): string {
  return columnByHeader.get(headerKey(header)) ?? header.trim().toLowerCase();
}
