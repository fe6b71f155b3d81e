import { csvDocument } from "../../lib/csv";
import { formatDateTime } from "../../lib/format";
import type { Language } from "../../lib/i18n";
import type { ApplicationStatus, EducationLevel } from "./constants";

export type ApplicationCsvRow = {
  id: number;
  status: ApplicationStatus;
  message: string | null;
  declineReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  postingId: number;
  title: string;
  enterpriseName: string;
  seekerName: string;
  phone: string | null;
  email: string;
  school: string | null;
  major: string | null;
  education: EducationLevel | null;
  graduationYear: number | null;
};

type T = (key: string, options?: Record<string, unknown>) => string;

const columns = [
  "id",
  "posting",
  "enterprise",
  "seeker",
  "phone",
  "email",
  "school",
  "major",
  "education",
  "graduationYear",
  "status",
  "declineReason",
  "appliedAt",
  "updatedAt",
  "message",
] as const;

/**
 * The enterprise's applications as CSV: UTF-8 with a BOM (spreadsheet programs then read the
 * Chinese as UTF-8), headers and words in the reader's language, times in Shanghai. Seekers
 * type names and messages: a cell that starts like a formula (= + - @) is escaped.
 */
export function applicationsCsv(rows: readonly ApplicationCsvRow[], t: T, lng: Language): string {
  return csvDocument(
    columns.map((c) => t(`jobs:csv.${c}`)),
    rows.map((r) => [
      r.id,
      r.title,
      r.enterpriseName,
      r.seekerName,
      r.phone ?? "",
      r.email,
      r.school ?? "",
      r.major ?? "",
      r.education ? t(`jobs:education.${r.education}`) : "",
      r.graduationYear ?? "",
      t(`jobs:status.${r.status}`),
      r.declineReason ?? "",
      formatDateTime(r.createdAt, lng),
      formatDateTime(r.updatedAt, lng),
      r.message ?? "",
    ]),
  );
}
