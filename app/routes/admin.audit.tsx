import { DataTable, type Column } from "../components/data-table";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "../components/fields";
import { FilterActions, FilterForm, PageHeader } from "../components/ui";
import { requireSignedIn } from "../lib/guard.server";
import { queryValues } from "../lib/validation";
import { formatDateTime } from "../lib/format";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { AUDIT_PAGE_SIZE, auditActionLabel, auditEntityTypes, listAuditEvents, readableJson } from "../modules/admin/audit.server";
import { detectLanguage } from "../lib/i18n";
import { auditQuery } from "../modules/admin/forms";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("adminAudit");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "admin.audit");
  const url = new URL(request.url);
  const query = auditQuery.parse(queryValues(url));
  const page = pageFromUrl(url);
  const [{ rows, total }, entityTypes] = await Promise.all([listAuditEvents(query, page), auditEntityTypes()]);
  const lng = detectLanguage(request);
  return {
    rows: rows.map((r) => ({ ...r, actionLabel: auditActionLabel(r.action, lng), before: readableJson(r.before), after: readableJson(r.after) })),
    total,
    page,
    pageSize: AUDIT_PAGE_SIZE,
    query,
    entityTypes,
  };
}

export default function AuditPage() {
  const { t } = useTranslation(["admin", "common"]);
  const { rows, total, page, pageSize, query, entityTypes } = useLoaderData<typeof loader>();
  const location = useLocation();
  const lng = useRootData()?.lng ?? "zh-CN";
  const csvParams = new URLSearchParams(location.search);
  csvParams.delete("page");
  const columns: Column<(typeof rows)[number]>[] = [
    { key: "at", header: t("admin:audit.at"), className: "small", cell: (r) => formatDateTime(r.at, lng) },
    {
      key: "actor",
      header: t("admin:audit.actor"),
      cell: (r) =>
        r.actorId ? (
          <>
            {r.actorName ?? r.actorId}
            <br />
            <span className="muted small">
              {r.actorEmail} · {r.actorRole ? t(`common:roles.${r.actorRole}`) : ""}
            </span>
          </>
        ) : (
          <span className="muted">{t("admin:audit.noActor")}</span>
        ),
    },
    {
      key: "action",
      header: t("admin:audit.action"),
      cell: (r) => (
        <>
          {r.actionLabel}
          <br />
          <code className="muted small">{r.action}</code>
        </>
      ),
    },
    {
      key: "entity",
      header: t("admin:audit.entity"),
      cell: (r) => (
        <>
          <code>{r.entityType}</code>
          {r.entityId ? <span className="muted small"> #{r.entityId}</span> : null}
        </>
      ),
    },
    { key: "before", header: t("admin:audit.before"), cell: (r) => (r.before ? <pre className="audit-json">{r.before}</pre> : null) },
    { key: "after", header: t("admin:audit.after"), cell: (r) => (r.after ? <pre className="audit-json">{r.after}</pre> : null) },
    { key: "ip", header: t("admin:audit.ip"), className: "small", cell: (r) => r.ip },
  ];
  return (
    <>
      <PageHeader
        title={t("admin:audit.title")}
        lead={t("admin:audit.lead")}
        actions={
          <a className="btn btn--ghost btn--small" href={`/admin/audit.csv?${csvParams}`} download>
            {t("admin:audit.export")}
          </a>
        }
      />
      <FilterForm role="search">
        <TextField label={t("admin:audit.actor")} name="actor" defaultValue={query.actor} maxLength={254} hint={t("admin:audit.actorHint")} />
        <TextField label={t("admin:audit.action")} name="action" defaultValue={query.action} maxLength={100} hint={t("admin:audit.actionHint")} />
        <SelectField
          label={t("admin:audit.entityType")}
          name="entityType"
          defaultValue={query.entityType}
          placeholder={t("common:forms.all")}
          options={entityTypes.map((e) => ({ value: e, label: e }))}
        />
        <TextField label={t("admin:audit.entityId")} name="entityId" defaultValue={query.entityId} maxLength={100} />
        <TextField label={t("admin:audit.from")} name="from" type="date" defaultValue={query.from} />
        <TextField label={t("admin:audit.to")} name="to" type="date" defaultValue={query.to} />
        <FilterActions />
      </FilterForm>
      <DataTable
        label={t("admin:audit.title")}
        className="audit-table"
        columns={columns}
        rows={rows}
        empty={{ title: t("admin:audit.empty"), body: t("admin:audit.emptyBody") }}
        pagination={{ page, pageSize, total }}
      />
    </>
  );
}
