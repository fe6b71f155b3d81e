// Small pieces of the tickets pages (client-safe).
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge, SortHeader, type Tone } from "../ui";
import { formatDate, formatDateTime } from "../../lib/format";
import type { listTickets } from "../../modules/tickets/tickets.server";
import type { TicketStatus } from "../../modules/tickets/constants";

const tones: Record<TicketStatus, Tone> = {
  submitted: "info",
  accepted: "info",
  referred: "warn",
  answered: "info",
  resolved: "success",
  closed: "neutral",
  rejected: "danger",
};

export function StatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation("tickets");
  return <Badge tone={tones[status]}>{t(`status.${status}`)}</Badge>;
}

export function ClockBadges({ overdue, waiting, escalated, flagged }: { overdue?: boolean; waiting?: boolean; escalated?: boolean; flagged?: boolean }) {
  const { t } = useTranslation("tickets");
  return (
    <>
      {overdue ? <Badge tone="danger">{t("list.overdue")}</Badge> : null}
      {waiting ? <Badge tone="warn">{t("list.waiting")}</Badge> : null}
      {escalated ? <Badge tone="danger">{t("list.escalated")}</Badge> : null}
      {flagged ? <Badge tone="warn">{t("list.flagged")}</Badge> : null}
    </>
  );
}

type Row = Awaited<ReturnType<typeof listTickets>>["rows"][number];

export function TicketTable({ rows, lng, sort, dir, staff }: { rows: Row[]; lng: "zh-CN" | "en"; sort: string; dir: "asc" | "desc"; staff: boolean }) {
  const { t } = useTranslation("tickets");
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("list.id")}</th>
            <th scope="col">{t("list.titleCol")}</th>
            {staff ? <th scope="col">{t("list.enterprise")}</th> : null}
            <th scope="col">
              <SortHeader field="status" label={t("list.status")} sort={sort} dir={dir} />
            </th>
            <th scope="col">{t("list.category")}</th>
            <th scope="col">{t("list.department")}</th>
            <th scope="col">
              <SortHeader field="created" label={t("list.created")} sort={sort} dir={dir} />
            </th>
            <th scope="col">
              <SortHeader field="due" label={t("list.due")} sort={sort} dir={dir} />
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.overdue ? "tickets-row--overdue" : undefined}>
              <td>#{r.id}</td>
              <td>
                <Link to={`/tickets/${r.id}`}>{r.title}</Link> {r.urgency === "urgent" ? <span className="badge badge--danger">{t("urgency.urgent")}</span> : null}
              </td>
              {staff ? <td>{r.enterpriseName}</td> : null}
              <td>
                <StatusBadge status={r.status} /> <ClockBadges overdue={r.overdue} waiting={Boolean(r.waitingSince)} escalated={Boolean(r.escalatedAt) && r.status === "referred"} flagged={r.flaggedForReview} />
              </td>
              <td>{t(`category.${r.category}`)}</td>
              <td>{(lng === "zh-CN" ? r.departmentZh : r.departmentEn) ?? "—"}</td>
              <td className="small">{formatDate(r.createdAt, lng)}</td>
              <td className="small">{r.dueAt ? formatDateTime(r.dueAt, lng) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
