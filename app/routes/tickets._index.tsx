import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, SelectField, TextField } from "../components/fields";
import { FilterForm, PageHeader } from "../components/ui";
import { formatDateTime } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { can } from "../lib/permissions";
import { useRootData } from "../root";
import { ticketCategories, ticketKinds, ticketStatuses, ticketUrgencies } from "../modules/tickets/constants";
import { queueFilterFromUrl } from "../modules/tickets/forms";
import { listEscalations, listTickets, QUEUE_PAGE_SIZE, queueFilterOptions } from "../modules/tickets/tickets.server";
import { TicketTable } from "../components/tickets/ui";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("tickets");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "tickets.list");
  const filter = queueFilterFromUrl(request.url);
  const page = pageFromUrl(request.url);
  const { rows, total, capped } = await listTickets(actor, filter, page);
  const staff = can(actor, "tickets.triage");
  const options = staff ? await queueFilterOptions(actor) : null;
  const escalations = staff && actor.isLead ? await listEscalations() : [];
  return { rows, total, capped, page, pageSize: QUEUE_PAGE_SIZE, filter, staff, canExport: can(actor, "tickets.export"), options, escalations };
}

export default function TicketQueue() {
  const { t } = useTranslation("tickets");
  const { rows, total, capped, page, pageSize, filter, staff, canExport, options, escalations } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const location = useLocation();
  const sort = filter.sort ?? "created";
  const dir = filter.dir ?? (sort === "created" ? "desc" : "asc");
  const all = t("common:forms.all");
  return (
    <>
      <PageHeader
        title={staff ? t("list.title") : t("list.memberTitle")}
        lead={staff ? t("list.lead") : t("list.memberLead")}
        actions={
          <>
            <Link to="/tickets/new" className="btn">{staff ? t("list.record") : t("list.new")}</Link>
            {canExport ? (
              <a className="btn btn--ghost" href={`/tickets/export${location.search}`} download>
                {t("list.export")}
              </a>
            ) : null}
          </>
        }
      />
      {escalations.length ? (
        <section className="card tickets-escalations" aria-labelledby="escalations-title">
          <h2 id="escalations-title">{t("list.escalationsTitle")}</h2>
          <p className="muted">{t("list.escalationsLead")}</p>
          <ul>
            {escalations.map((e) => (
              <li key={e.id}>
                <Link to={`/tickets/${e.id}`}>#{e.id} {e.title}</Link> · {lng === "zh-CN" ? e.departmentZh : e.departmentEn} · {t("list.dueOn", { date: formatDateTime(e.dueAt, lng) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <FilterForm role="search">
        <TextField className="field--search" label={t("list.search")} name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} />
        <SelectField label={t("list.status")} name="status" defaultValue={filter.status ?? ""} placeholder={all} options={ticketStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        <SelectField label={t("list.category")} name="category" defaultValue={filter.category ?? ""} placeholder={all} options={ticketCategories.map((c) => ({ value: c, label: t(`category.${c}`) }))} />
        <SelectField label={t("list.urgency")} name="urgency" defaultValue={filter.urgency ?? ""} placeholder={all} options={ticketUrgencies.map((u) => ({ value: u, label: t(`urgency.${u}`) }))} />
        {staff && options ? (
          <>
            <SelectField label={t("list.kind")} name="kind" defaultValue={filter.kind ?? ""} placeholder={all} options={ticketKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
            <SelectField label={t("list.department")} name="department" defaultValue={filter.department ? String(filter.department) : ""} placeholder={all} options={options.departments.map((d) => ({ value: String(d.id), label: lng === "zh-CN" ? d.nameZh : d.nameEn }))} />
            <SelectField label={t("list.handler")} name="handler" defaultValue={filter.handler ?? ""} placeholder={all} options={options.staff.map((s) => ({ value: s.id, label: s.displayName }))} />
            <SelectField label={t("list.association")} name="association" defaultValue={filter.association ? String(filter.association) : ""} placeholder={all} options={options.associations.map((a) => ({ value: String(a.id), label: lng === "zh-CN" ? a.nameZh : a.nameEn }))} />
          </>
        ) : null}
        <TextField label={t("list.from")} name="from" type="date" defaultValue={filter.from ?? ""} />
        <TextField label={t("list.to")} name="to" type="date" defaultValue={filter.to ?? ""} />
        <CheckboxField label={t("list.overdueOnly")} name="overdue" value="1" defaultChecked={filter.overdue === "1"} />
        {staff ? <CheckboxField label={t("list.escalatedOnly")} name="escalated" value="1" defaultChecked={filter.escalated === "1"} /> : null}
        <div className="form-actions">
          <button type="submit" className="btn btn--small">{t("list.apply")}</button>
          <Link to="/tickets" className="btn btn--ghost btn--small">{t("list.reset")}</Link>
        </div>
      </FilterForm>
      <TicketTable
        rows={rows}
        lng={lng}
        sort={sort}
        dir={dir}
        staff={staff}
        empty={staff ? { title: t("list.empty"), body: t("list.emptyBody") } : { title: t("list.memberEmpty"), body: t("list.memberEmptyBody") }}
        pagination={{ page, pageSize, total }}
      />
      {capped ? <p className="muted small">{t("list.capped", { count: total })}</p> : null}
    </>
  );
}

