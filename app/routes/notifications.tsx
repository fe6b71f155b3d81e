import { DataTable, type Column } from "../components/data-table";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader, Badge } from "../components/ui";
import { requireSignedIn } from "../lib/guard.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDateTime } from "../lib/format";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { listNotifications, markAllRead, NOTIFICATIONS_PAGE_SIZE } from "../modules/notifications/notifications.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("notifications");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "notifications.view");
  const page = pageFromUrl(request.url);
  const { rows, total } = await listNotifications(actor.userId, page);
  return { rows, total, page, pageSize: NOTIFICATIONS_PAGE_SIZE };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "notifications.view");
  await markAllRead(actor.userId);
  // POST → redirect → GET: the list (and the header's unread count) reloads with the message.
  const { search } = new URL(request.url);
  throw redirectWithFlash(`/notifications${search}`, "common:flash.allRead", request);
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const { rows, total, page, pageSize } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const columns: Column<(typeof rows)[number]>[] = [
    {
      key: "message",
      header: t("notifications.message"),
      cell: (n) => (
        <>
          {n.readAt ? null : <Badge tone="info">{t("notifications.unread")}</Badge>} {t(n.messageKey, n.params as Record<string, string>)}
        </>
      ),
    },
    { key: "received", header: t("notifications.received"), className: "muted small", cell: (n) => formatDateTime(n.createdAt, lng) },
    { key: "link", header: t("notifications.link"), cell: (n) => (n.link ? <Link to={n.link}>{t("notifications.open")}</Link> : null) },
  ];
  return (
    <>
      <PageHeader
        title={t("notifications.title")}
        actions={
          total > 0 ? (
            <Form method="post">
              <button className="btn btn--ghost btn--small" type="submit">
                {t("notifications.markAllRead")}
              </button>
            </Form>
          ) : null
        }
      />
      <DataTable
        label={t("notifications.title")}
        columns={columns}
        rows={rows}
        empty={{ title: t("notifications.empty"), body: t("notifications.emptyBody") }}
        pagination={{ page, pageSize, total }}
      />
    </>
  );
}
