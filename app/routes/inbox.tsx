import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../components/ui";
import { requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { queueFilterFromUrl } from "../modules/tickets/forms";
import { listTickets, QUEUE_PAGE_SIZE, ticketFormOptions } from "../modules/tickets/tickets.server";
import { TicketTable } from "../components/tickets/ui";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("inbox");

/** A department liaison's problems: only those referred to their department (scoped in the module). */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "tickets.inbox");
  const url = new URL(request.url);
  const filter = queueFilterFromUrl(url);
  const showAll = url.searchParams.get("view") === "all";
  const page = pageFromUrl(url);
  const { rows, total } = await listTickets(actor, { ...filter, status: showAll ? filter.status : "referred" }, page);
  const { departments } = await ticketFormOptions(actor, false);
  const department = departments.find((d) => d.id === actor.departmentId) ?? null;
  return { rows, total, page, pageSize: QUEUE_PAGE_SIZE, showAll, department, sort: filter.sort ?? "due", dir: filter.dir ?? "asc" };
}

export default function Inbox() {
  const { t } = useTranslation("tickets");
  const { rows, total, page, pageSize, showAll, department, sort, dir } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const [params] = useSearchParams();
  const name = department ? (lng === "zh-CN" ? department.nameZh : department.nameEn) : "—";
  const allParams = new URLSearchParams(params);
  allParams.set("view", "all");
  allParams.delete("page");
  return (
    <>
      <PageHeader title={t("inbox.title")} lead={t("inbox.lead", { department: name })} />
      <nav className="tickets-tabs" aria-label={t("inbox.title")}>
        <Link to="/inbox" aria-current={!showAll ? "page" : undefined}>
          {t("inbox.toAnswer")}
        </Link>
        <Link to={`/inbox?${allParams}`} aria-current={showAll ? "page" : undefined}>
          {t("inbox.all")}
        </Link>
      </nav>
      <TicketTable
        rows={rows}
        lng={lng}
        sort={sort}
        dir={dir}
        staff
        empty={{ title: t("inbox.empty"), body: t("inbox.emptyBody") }}
        pagination={{ page, pageSize, total }}
      />
    </>
  );
}
