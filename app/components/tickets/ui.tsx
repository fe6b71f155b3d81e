// Small pieces of the tickets pages (client-safe).
import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";
import { DataTable, type Column } from "../data-table";
import { Badge, ListLink, type Tone } from "../ui";
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

/** The tickets queue and the department inbox: one table, sorted by status, created or due. */
export function TicketTable({
  rows,
  lng,
  sort,
  dir,
  staff,
  empty,
  pagination,
  rowActions,
}: {
  /** Actions on a row without opening it (the staff queue's chase and reassign). */
  rowActions?: (row: Row) => ReactNode;
  rows: Row[];
  lng: "zh-CN" | "en";
  sort: string;
  dir: "asc" | "desc";
  staff: boolean;
  empty: { title: string; body?: string };
  pagination: { page: number; pageSize: number; total: number };
}) {
  const { t } = useTranslation("tickets");
  const columns: Column<Row>[] = [
    { key: "id", header: t("list.id"), cell: (r) => `#${r.id}` },
    {
      key: "title",
      header: t("list.titleCol"),
      cell: (r) => (
        <>
          <ListLink to={`/tickets/${r.id}`}>{r.title}</ListLink>{" "}
          {r.urgency === "urgent" ? <span className="badge badge--danger">{t("urgency.urgent")}</span> : null}
        </>
      ),
    },
    ...(staff ? [{ key: "enterprise", header: t("list.enterprise"), cell: (r: Row) => r.enterpriseName }] : []),
    {
      key: "status",
      header: t("list.status"),
      sortKey: "status",
      cell: (r) => (
        <>
          <StatusBadge status={r.status} />{" "}
          <ClockBadges
            overdue={r.overdue}
            waiting={Boolean(r.waitingSince)}
            escalated={Boolean(r.escalatedAt) && r.status === "referred"}
            flagged={r.flaggedForReview}
          />
        </>
      ),
    },
    { key: "category", header: t("list.category"), cell: (r) => t(`category.${r.category}`) },
    { key: "department", header: t("list.department"), cell: (r) => (lng === "zh-CN" ? r.departmentZh : r.departmentEn) ?? "—" },
    { key: "created", header: t("list.created"), sortKey: "created", className: "small", cell: (r) => formatDate(r.createdAt, lng) },
    { key: "due", header: t("list.due"), sortKey: "due", className: "small", cell: (r) => (r.dueAt ? formatDateTime(r.dueAt, lng) : "—") },
    ...(rowActions ? [{ key: "actions", header: t("detail.actions"), cell: rowActions }] : []),
  ];
  return (
    <DataTable
      label={staff ? t("list.title") : t("list.memberTitle")}
      columns={columns}
      rows={rows}
      rowClassName={(r) => (r.overdue ? "tickets-row--overdue" : undefined)}
      sort={{ key: sort, dir }}
      empty={empty}
      pagination={pagination}
    />
  );
}
