import { DataTable, type Column } from "../components/data-table";
import { redirectWithFlash } from "../lib/flash.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { PageHeader } from "../components/ui";
import { requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { parseForm } from "../lib/validation";
import { shanghaiToday } from "../lib/format";
import { useRootData } from "../root";
import { visitSchema } from "../modules/tickets/forms";
import { listVisits, recordVisit, visitFormOptions, VISITS_PAGE_SIZE } from "../modules/tickets/visits.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("visits");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "visits.view");
  const page = pageFromUrl(request.url);
  const { rows, total } = await listVisits(page);
  const options = await visitFormOptions();
  return { rows, total, page, pageSize: VISITS_PAGE_SIZE, options, today: shanghaiToday() };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "visits.manage");
  const parsed = parseForm(visitSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await recordVisit(actor, parsed.data);
  if (!result.ok) return data({ errors: { enterpriseId: result.error } as Record<string, string>, values: {} }, { status: 400 });
  throw redirectWithFlash(`/visits/${result.visit.id}`, "tickets:flash.visitCreated", request);
}

export default function Visits() {
  const { t } = useTranslation("tickets");
  const { rows, total, page, pageSize, options, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "zh-CN";
  const v = (actionData?.values ?? {}) as Record<string, string>;
  const e = actionData?.errors ?? {};
  const columns: Column<(typeof rows)[number]>[] = [
    { key: "date", header: t("visits.date"), cell: (r) => <Link to={`/visits/${r.id}`}>{r.visitedOn}</Link> },
    { key: "whom", header: t("visits.whom"), cell: (r) => r.enterpriseName ?? (lng === "zh-CN" ? r.associationZh : r.associationEn) },
    { key: "visitors", header: t("visits.visitors"), cell: (r) => r.visitors },
    { key: "problems", header: t("visits.problems"), align: "end", cell: (r) => r.problems },
  ];
  return (
    <>
      <PageHeader title={t("visits.title")} lead={t("visits.lead")} />
      <details className="card" open={Boolean(actionData)}>
        <summary className="btn btn--small">{t("visits.record")}</summary>
        <FormErrors errors={actionData?.errors} />
        <Form method="post" className="form">
          <div className="form-row">
            <TextField label={t("visits.date")} name="visitedOn" type="date" required defaultValue={v.visitedOn ?? today} error={e.visitedOn} />
            <TextField label={t("visits.visitors")} name="visitors" required maxLength={200} defaultValue={v.visitors} error={e.visitors} />
          </div>
          <div className="form-row">
            <SelectField
              label={t("visits.association")}
              name="associationId"
              defaultValue={v.associationId ?? ""}
              placeholder="—"
              options={options.associations.map((a) => ({ value: String(a.id), label: lng === "zh-CN" ? a.nameZh : a.nameEn }))}
              hint={t("visits.whomHint")}
              error={e.associationId}
            />
            <SelectField
              label={t("visits.enterprise")}
              name="enterpriseId"
              defaultValue={v.enterpriseId ?? ""}
              placeholder="—"
              options={options.enterprises.map((x) => ({ value: String(x.id), label: x.name }))}
              error={e.enterpriseId}
            />
          </div>
          <TextAreaField label={t("visits.notes")} name="notes" rows={3} maxLength={4000} defaultValue={v.notes} error={e.notes} />
          <div className="form-actions">
            <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
              {t("visits.record")}
            </button>
          </div>
        </Form>
      </details>
      <DataTable
        label={t("visits.title")}
        columns={columns}
        rows={rows}
        empty={{ title: t("visits.empty"), body: t("visits.emptyBody") }}
        pagination={{ page, pageSize, total }}
      />
    </>
  );
}
