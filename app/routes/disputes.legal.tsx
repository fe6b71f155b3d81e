import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { EmptyState, FilterActions, FilterForm, PageHeader, Pagination } from "../components/ui";
import { formatDate } from "../lib/format";
import { redirectWithFlash } from "../lib/flash.server";
import { requireSignedIn } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { clientIp } from "../lib/request.server";
import { parseForm, queryValues } from "../lib/validation";
import { useRootData } from "../root";
import { legalServiceKinds } from "../modules/disputes/constants";
import { legalFilterSchema, legalServiceSchema } from "../modules/disputes/forms";
import { LEGAL_PAGE_SIZE, legalFormOptions, listLegalServices, recordLegalService } from "../modules/disputes/legal.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("disputesLegal");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "legal.view");
  const filter = legalFilterSchema.parse(queryValues(request.url));
  const page = pageFromUrl(request.url);
  const { rows, total } = await listLegalServices(filter, page);
  return { rows, total, page, pageSize: LEGAL_PAGE_SIZE, filter, options: await legalFormOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "legal.manage");
  const formData = await request.formData();
  const parsed = parseForm(legalServiceSchema, formData);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await recordLegalService(actor, parsed.data, { ip: clientIp(request) });
  if (!result.ok)
    return data(
      {
        errors: { enterpriseId: result.error } as Record<string, string>,
        values: Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v).slice(0, 4000)])),
      },
      { status: 400 },
    );
  throw redirectWithFlash("/disputes/legal", "disputes:flash.legalRecorded", request);
}

export default function LegalServices() {
  const { t } = useTranslation("disputes");
  const { rows, total, page, pageSize, filter, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "zh-CN";
  const v = (actionData?.values ?? {}) as Record<string, string>;
  const e = (actionData?.errors ?? {}) as Record<string, string>;
  const all = t("list.any");
  return (
    <>
      <PageHeader title={t("legal.title")} lead={t("legal.lead")} />
      <FilterForm role="search">
        <TextField
          className="field--search"
          label={t("legal.search")}
          name="q"
          type="search"
          defaultValue={filter.q ?? ""}
          maxLength={100}
          hint={t("legal.searchHint")}
        />
        <SelectField
          label={t("legal.kindLabel")}
          name="kind"
          defaultValue={filter.kind ?? ""}
          placeholder={all}
          options={legalServiceKinds.map((k) => ({ value: k, label: t(`legal.kind.${k}`) }))}
        />
        <TextField label={t("legal.year")} name="year" type="number" min={2000} max={2100} defaultValue={filter.year ?? ""} />
        <FilterActions submitLabel={t("list.show")} />
      </FilterForm>
      <p className="muted small">{t("legal.total", { count: total })}</p>
      {rows.length === 0 ? (
        <EmptyState title={t("legal.empty")} />
      ) : (
        <div className="table-wrap" role="region" aria-label={t("common:titles.disputesLegal")} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("legal.heldOn")}</th>
                <th scope="col">{t("legal.kindLabel")}</th>
                <th scope="col">{t("legal.whom")}</th>
                <th scope="col">{t("legal.provider")}</th>
                <th scope="col">{t("legal.topic")}</th>
                <th scope="col">{t("legal.findings")}</th>
                <th scope="col">{t("legal.followUp")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="small">{formatDate(r.heldOn, lng)}</td>
                  <td>{t(`legal.kind.${r.kind}`)}</td>
                  <td>
                    {r.enterpriseName ?? (lng === "zh-CN" ? r.associationZh : r.associationEn)}
                    {r.attendees ? (
                      <span className="muted small">
                        {" "}
                        · {t("legal.attendees")} {r.attendees}
                      </span>
                    ) : null}
                  </td>
                  <td className="small">{r.provider}</td>
                  <td>{r.topic}</td>
                  <td className="small">{r.findings || "—"}</td>
                  <td className="small">{r.followUp || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
      <Form method="post" className="form form--wide card" aria-label={t("legal.recordTitle")}>
        <h2>{t("legal.recordTitle")}</h2>
        <FormErrors errors={actionData?.errors} />
        <div className="form-row">
          <SelectField
            label={t("legal.kindLabel")}
            name="kind"
            required
            defaultValue={v.kind ?? "health_check"}
            options={legalServiceKinds.map((k) => ({ value: k, label: t(`legal.kind.${k}`) }))}
            error={e.kind}
          />
          <TextField label={t("legal.heldOn")} name="heldOn" type="date" required defaultValue={v.heldOn ?? ""} error={e.heldOn} />
        </div>
        <p className="muted small">{t("legal.enterpriseHint")}</p>
        <div className="form-row">
          <TextField
            label={t("legal.enterprise")}
            name="enterpriseId"
            type="number"
            min={1}
            max={options.enterpriseCount}
            defaultValue={v.enterpriseId ?? ""}
            error={e.enterpriseId}
          />
          <SelectField
            label={t("legal.chamber")}
            name="associationId"
            defaultValue={v.associationId ?? ""}
            placeholder={t("new.choose")}
            options={options.chambers.map((c) => ({ value: String(c.id), label: lng === "zh-CN" ? c.nameZh : c.nameEn }))}
            error={e.associationId}
          />
        </div>
        <div className="form-row">
          <TextField
            label={t("legal.provider")}
            name="provider"
            required
            maxLength={120}
            list="legal-providers"
            defaultValue={v.provider ?? ""}
            error={e.provider}
          />
          <TextField label={t("legal.topic")} name="topic" required maxLength={200} defaultValue={v.topic ?? ""} error={e.topic} />
        </div>
        <datalist id="legal-providers">
          {options.providers.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <TextAreaField label={t("legal.findings")} name="findings" rows={3} maxLength={4000} defaultValue={v.findings ?? ""} error={e.findings} />
        <TextAreaField label={t("legal.followUp")} name="followUp" rows={2} maxLength={4000} defaultValue={v.followUp ?? ""} error={e.followUp} />
        <TextField label={t("legal.attendees")} name="attendees" type="number" min={1} max={100000} defaultValue={v.attendees ?? ""} error={e.attendees} />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {t("legal.record")}
          </button>
        </div>
      </Form>
    </>
  );
}
