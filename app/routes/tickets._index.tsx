import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, TextField } from "../components/fields";
import { FilterForm, PageHeader } from "../components/ui";
import { intent, runIntent, type IntentFailure } from "../lib/intents.server";
import { formatDateTime } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { can } from "../lib/permissions";
import { useRootData } from "../root";
import { queueTabs, ticketCategories, ticketKinds, ticketStatuses, ticketUrgencies } from "../modules/tickets/constants";
import { chaseSchema, queueFilterFromUrl, reassignSchema, withQueueDefaults } from "../modules/tickets/forms";
import {
  chaseReferral,
  listEscalations,
  listTickets,
  QUEUE_PAGE_SIZE,
  queueFilterOptions,
  queueTabCounts,
  reassignTicket,
} from "../modules/tickets/tickets.server";
import { TicketTable } from "../components/tickets/ui";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("tickets");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "tickets.list");
  const staff = can(actor, "tickets.triage");
  const filter = withQueueDefaults(queueFilterFromUrl(request.url), staff);
  const page = pageFromUrl(request.url);
  const { rows, total, capped } = await listTickets(actor, filter, page);
  const options = staff ? await queueFilterOptions(actor) : null;
  const escalations = staff && actor.isLead ? await listEscalations() : [];
  const tabCounts = staff ? await queueTabCounts(actor, filter) : null;
  return {
    rows,
    total,
    capped,
    page,
    pageSize: QUEUE_PAGE_SIZE,
    filter,
    staff,
    canExport: can(actor, "tickets.export"),
    options,
    escalations,
    tabCounts,
    me: actor.userId,
  };
}

/** The queue row's actions on an escalated problem: chase the department, or hand it to another handler. */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const back = new URL(request.url);
  back.searchParams.delete("index");
  const intents = {
    chase: intent("tickets.triage", chaseSchema, (actor, d) => chaseReferral(actor, d.ticketId)),
    reassign: intent("tickets.triage", reassignSchema, (actor, d) => reassignTicket(actor, d.ticketId, { handlerId: d.handlerId })),
  };
  return runIntent(request, formData, intents, {
    unknownAbility: "tickets.list",
    success: () => `/tickets${back.search}`,
    flash: ({ intent }) => `tickets:flash.${intent}`,
  });
}

export default function TicketQueue() {
  const { t } = useTranslation("tickets");
  const { rows, total, capped, page, pageSize, filter, staff, canExport, options, escalations, tabCounts, me } = useLoaderData<typeof loader>();
  const failure = useActionData<IntentFailure>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const location = useLocation();
  const sort = filter.sort ?? "created";
  const dir = filter.dir ?? (sort === "created" ? "desc" : "asc");
  const all = t("common:forms.all");
  // A tab keeps the handler and the search, and drops what the tabs replace (status, overdue, escalated, page).
  const tabLink = (tab: string) => {
    const params = new URLSearchParams(location.search);
    for (const k of ["tab", "page", "status", "overdue", "escalated", "index"]) params.delete(k);
    params.set("tab", tab);
    return `/tickets?${params}`;
  };
  const staffOptions = options?.staff ?? [];
  const rowActions = staff
    ? (r: (typeof rows)[number]) =>
        r.status === "referred" && r.escalatedAt ? (
          <div className="tickets-row-actions">
            <Form method="post">
              <input type="hidden" name="ticketId" value={r.id} />
              <button type="submit" name="intent" value="chase" className="btn btn--small">
                {t("list.chase", { id: r.id })}
              </button>
            </Form>
            <Form method="post" className="tickets-reassign">
              <input type="hidden" name="ticketId" value={r.id} />
              <SelectField
                label={t("list.reassignTo", { id: r.id })}
                name="handlerId"
                required
                placeholder={t("new.choose")}
                options={staffOptions.map((s) => ({ value: s.id, label: s.displayName }))}
              />
              <button type="submit" name="intent" value="reassign" className="btn btn--ghost btn--small">
                {t("list.reassign")}
              </button>
            </Form>
          </div>
        ) : null
    : undefined;
  return (
    <>
      <PageHeader
        title={staff ? t("list.title") : t("list.memberTitle")}
        lead={staff ? t("list.lead") : t("list.memberLead")}
        actions={
          <>
            <Link to="/tickets/new" className="btn">
              {staff ? t("list.record") : t("list.new")}
            </Link>
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
                <Link to={`/tickets/${e.id}`}>
                  #{e.id} {e.title}
                </Link>{" "}
                · {lng === "zh-CN" ? e.departmentZh : e.departmentEn} · {t("list.dueOn", { date: formatDateTime(e.dueAt, lng) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {failure ? <FormErrors errors={failure.errors} /> : null}
      {staff && tabCounts ? (
        <nav className="tabs tickets-tabs" aria-label={t("list.tabs")}>
          {queueTabs.map((tab) => (
            <Link
              key={tab}
              to={tabLink(tab)}
              className={filter.tab === tab ? "tab tab--current" : "tab"}
              aria-current={filter.tab === tab ? "page" : undefined}
            >
              {t(`list.tab.${tab}`)} <span className="tab__count">{tabCounts[tab]}</span>
            </Link>
          ))}
        </nav>
      ) : null}
      {/* Keyed by the query string: a tab or "everyone's" link (client-side) shows its own filter values. */}
      <FilterForm role="search" key={location.search}>
        {/* No tab here: a search or filter looks through every tab (withQueueDefaults). */}
        <TextField className="field--search" label={t("list.search")} name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} />
        <SelectField
          label={t("list.status")}
          name="status"
          defaultValue={filter.status ?? ""}
          placeholder={all}
          options={ticketStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <SelectField
          label={t("list.category")}
          name="category"
          defaultValue={filter.category ?? ""}
          placeholder={all}
          options={ticketCategories.map((c) => ({ value: c, label: t(`category.${c}`) }))}
        />
        <SelectField
          label={t("list.urgency")}
          name="urgency"
          defaultValue={filter.urgency ?? ""}
          placeholder={all}
          options={ticketUrgencies.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
        />
        {staff && options ? (
          <>
            <SelectField
              label={t("list.kind")}
              name="kind"
              defaultValue={filter.kind ?? ""}
              placeholder={all}
              options={ticketKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            />
            <SelectField
              label={t("list.department")}
              name="department"
              defaultValue={filter.department ? String(filter.department) : ""}
              placeholder={all}
              options={options.departments.map((d) => ({ value: String(d.id), label: lng === "zh-CN" ? d.nameZh : d.nameEn }))}
            />
            <SelectField
              label={t("list.handler")}
              name="handler"
              defaultValue={filter.handler ?? "mine"}
              options={[
                { value: "mine", label: t("list.handlerMine") },
                { value: "all", label: t("list.handlerAll") },
                ...options.staff.filter((s) => s.id !== me).map((s) => ({ value: s.id, label: s.displayName })),
              ]}
            />
            <SelectField
              label={t("list.association")}
              name="association"
              defaultValue={filter.association ? String(filter.association) : ""}
              placeholder={all}
              options={options.associations.map((a) => ({ value: String(a.id), label: lng === "zh-CN" ? a.nameZh : a.nameEn }))}
            />
          </>
        ) : null}
        <TextField label={t("list.from")} name="from" type="date" defaultValue={filter.from ?? ""} />
        <TextField label={t("list.to")} name="to" type="date" defaultValue={filter.to ?? ""} />
        <CheckboxField label={t("list.overdueOnly")} name="overdue" value="1" defaultChecked={filter.overdue === "1"} />
        {staff ? <CheckboxField label={t("list.escalatedOnly")} name="escalated" value="1" defaultChecked={filter.escalated === "1"} /> : null}
        <div className="form-actions">
          <button type="submit" className="btn btn--small">
            {t("list.apply")}
          </button>
          <Link to="/tickets" className="btn btn--ghost btn--small">
            {t("list.reset")}
          </Link>
          {staff && filter.handler === "mine" ? (
            <Link to={`/tickets?tab=${filter.tab ?? "all"}&handler=all`} className="btn btn--ghost btn--small">
              {t("list.everyone")}
            </Link>
          ) : null}
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
        rowActions={rowActions}
      />
      {capped ? <p className="muted small">{t("list.capped", { count: total })}</p> : null}
    </>
  );
}
