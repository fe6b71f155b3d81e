import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmptyState, PageHeader, Pagination, Badge } from "../components/ui";
import { requireSignedIn } from "../lib/guard.server";
import { formatDateTime } from "../lib/format";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { listNotifications, markAllRead, NOTIFICATIONS_PAGE_SIZE } from "../modules/notifications/notifications.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "notifications.view");
  const page = pageFromUrl(request.url);
  const { rows, total } = await listNotifications(actor.userId, page);
  return { rows, total, page, pageSize: NOTIFICATIONS_PAGE_SIZE };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "notifications.view");
  await markAllRead(actor.userId);
  return { ok: true };
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  const { rows, total, page, pageSize } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  return (
    <>
      <PageHeader
        title={t("notifications.title")}
        actions={
          total > 0 ? (
            <Form method="post">
              <button className="btn btn--ghost btn--small" type="submit">{t("notifications.markAllRead")}</button>
            </Form>
          ) : null
        }
      />
      {rows.length === 0 ? (
        <EmptyState title={t("notifications.empty")}>{t("notifications.emptyBody")}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <tbody>
              {rows.map((n) => (
                <tr key={n.id}>
                  <td>{n.readAt ? null : <Badge tone="info">{t("notifications.unread")}</Badge>} {t(n.messageKey, n.params as Record<string, string>)}</td>
                  <td className="muted small">{formatDateTime(n.createdAt, lng)}</td>
                  <td>{n.link ? <Link to={n.link}>{t("notifications.open")}</Link> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}
