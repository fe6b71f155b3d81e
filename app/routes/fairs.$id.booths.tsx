import { DataTable, type Column } from "../components/data-table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { boothStatuses, type BoothStatus } from "../modules/fairs/constants";
import { BoothStatusBadge } from "../components/fairs/ui";
import { FormErrors, SelectField, TextField } from "../components/fields";
import { ConfirmAction, FilterForm, PageHeader } from "../components/ui";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { redirectWithFlash } from "../lib/flash.server";
import { formatDateTime } from "../lib/format";
import { pageFromUrl } from "../lib/pagination";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { useRootData } from "../root";
import { BOOTHS_PAGE_SIZE, decideBooth, getFairFor, listBooths } from "../modules/fairs/fairs.server";
import { boothDecisionSchema } from "../modules/fairs/forms";
import { idParam } from "../lib/ids";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("fairsIdBooths", (d) => ({ name: d.fair.title }));

async function fairFor(request: Request, params: { id?: string }) {
  const actor = await requireSignedIn(request, "fairs.decideBooth");
  const fair = await getFairFor(actor, idParam(params));
  if (!fair) notFound();
  return { actor, fair };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { fair } = await fairFor(request, params);
  const url = new URL(request.url);
  const rawStatus = url.searchParams.get("status");
  const status = boothStatuses.includes(rawStatus as BoothStatus) ? (rawStatus as BoothStatus) : null;
  const page = pageFromUrl(url);
  const booths = await listBooths(fair.id, { status, page });
  return {
    fair: { id: fair.id, title: fair.title, boothCapacity: fair.boothCapacity, status: fair.status },
    ...booths,
    status,
    page,
    pageSize: BOOTHS_PAGE_SIZE,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, fair } = await fairFor(request, params);
  const parsed = parseForm(boothDecisionSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, boothId: Number(parsed.values.boothId) || null }, { status: 400 });
  const result = await decideBooth(actor, fair.id, parsed.data, clientIp(request));
  if (!result.ok) {
    if (result.error === "notFound") notFound();
    return data({ errors: { _form: `fairs:errors.${result.error}` }, boothId: parsed.data.boothId }, { status: 409 });
  }
  // Back to the list as it was filtered and paged (the form posts to this very URL).
  const { pathname, search } = new URL(request.url);
  if (result.booth.status === "approved")
    throw redirectWithFlash(`${pathname}${search}`, "fairs:flash.boothApproved", request, { number: result.booth.boothNumber ?? "" });
  throw redirectWithFlash(`${pathname}${search}`, "fairs:flash.boothRejected", request);
}

type ActionData = { errors?: Record<string, string>; boothId?: number | null };

export default function BoothsPage() {
  const { t } = useTranslation("fairs");
  const lng = useRootData()?.lng ?? "zh-CN";
  const { fair, rows, total, counts, status, page, pageSize } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const columns: Column<(typeof rows)[number]>[] = [
    {
      key: "enterprise",
      header: t("booths.enterprise"),
      cell: (b) => (
        <>
          <strong>{b.enterpriseName}</strong>
          <div className="muted small">
            {b.contactPerson} · {b.phone}
          </div>
          {b.note ? <div className="small">{b.note}</div> : null}
        </>
      ),
    },
    {
      key: "status",
      header: t("booths.status"),
      cell: (b) => (
        <>
          <BoothStatusBadge status={b.status} />
          {b.decisionReason ? <div className="muted small">{b.decisionReason}</div> : null}
        </>
      ),
    },
    { key: "number", header: t("booths.number"), align: "end", cell: (b) => b.boothNumber ?? "—" },
    { key: "requestedAt", header: t("booths.requestedAt"), className: "small", cell: (b) => formatDateTime(b.createdAt, lng) },
    {
      key: "actions",
      header: t("booths.actions"),
      cell: (b) =>
        b.status === "requested" ? (
          <div className="form-actions">
            <ConfirmAction
              label={t("booths.approve")}
              question={t("booths.approveQuestion", { enterprise: b.enterpriseName })}
              confirmLabel={t("booths.approveConfirm")}
              intent="decide"
            >
              <input type="hidden" name="boothId" value={b.id} />
              <input type="hidden" name="decision" value="approve" />
            </ConfirmAction>
            <ConfirmAction
              label={t("booths.reject")}
              question={t("booths.rejectQuestion", { enterprise: b.enterpriseName })}
              confirmLabel={t("booths.rejectConfirm")}
              intent="decide"
              danger
            >
              <input type="hidden" name="boothId" value={b.id} />
              <input type="hidden" name="decision" value="reject" />
              <TextField
                label={t("booths.reason")}
                name="reason"
                maxLength={500}
                required
                error={actionData?.boothId === b.id ? actionData?.errors?.reason : undefined}
              />
            </ConfirmAction>
          </div>
        ) : (
          <span className="muted small">{t(`booths.next.${b.status}`)}</span>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t("booths.title", { fair: fair.title })}
        lead={t("booths.lead", { approved: counts.approved ?? 0, capacity: fair.boothCapacity, requested: counts.requested ?? 0 })}
        actions={
          <Link className="btn btn--ghost btn--small" to={`/fairs/${fair.id}`}>
            {t("booths.backToFair")}
          </Link>
        }
      />
      <FormErrors errors={actionData?.errors} />
      <FilterForm>
        <SelectField
          label={t("booths.status")}
          name="status"
          defaultValue={status ?? ""}
          placeholder={t("common:forms.all")}
          options={boothStatuses.map((s) => ({ value: s, label: `${t(`boothStatus.${s}`)} (${counts[s] ?? 0})` }))}
        />
        <button type="submit" className="btn btn--ghost">
          {t("common:forms.filter")}
        </button>
      </FilterForm>
      <DataTable
        label={t("booths.title", { fair: fair.title })}
        columns={columns}
        rows={rows}
        empty={{ title: t("booths.empty"), body: t("booths.emptyBody") }}
        pagination={{ page, pageSize, total }}
      />
    </>
  );
}
