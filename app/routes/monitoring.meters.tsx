import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextField } from "../components/fields";
import { DataTable, type Column } from "../components/data-table";
import { Alert, PageHeader } from "../components/ui";
import { redirectWithFlash } from "../lib/flash.server";
import { requireSignedIn } from "../lib/guard.server";
import { safeFormValues } from "../lib/validation";
import { pageFromUrl } from "../lib/pagination";
import { addMeter, bindMeter, enterpriseChoices, EXCEPTIONS_PAGE_SIZE, meterExceptions } from "../modules/monitoring/monitoring.server";
import { addMeterSchema as addSchema, bindMeterSchema as bindSchema, parseForm } from "../modules/monitoring/forms.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("monitoringMeters");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "monitoring.view");
  const page = pageFromUrl(request.url);
  const [exceptions, enterprises] = await Promise.all([meterExceptions(page), enterpriseChoices()]);
  return { ...exceptions, enterprises, page, pageSize: EXCEPTIONS_PAGE_SIZE };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "monitoring.manage");
  const form = await request.formData();
  const intent = form.get("intent");
  // Back to the same page of the list.
  const back = `/monitoring/meters${new URL(request.url).search}`;
  if (intent === "add") {
    const parsed = parseForm(addSchema, form);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const r = await addMeter(actor, parsed.data);
    if (!r.ok) return data({ intent, errors: { [r.field]: r.error } as Record<string, string>, values: safeFormValues(form) }, { status: 409 });
    throw redirectWithFlash(back, "monitoring:flash.meterAdded", request, { code: r.meter.code });
  }
  if (intent === "bind") {
    const parsed = parseForm(bindSchema, form);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const r = await bindMeter(actor, parsed.data);
    if (!r.ok) return data({ intent, errors: { [r.field]: r.error } as Record<string, string>, values: safeFormValues(form) }, { status: 409 });
    throw redirectWithFlash(back, "monitoring:flash.meterBound", request, { code: r.meter.code });
  }
  return data({ intent: null, errors: { _form: "forms.invalid" } as Record<string, string>, values: {} }, { status: 400 });
}

export default function Meters() {
  const { t } = useTranslation("monitoring");
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const navigation = useNavigation();
  const options = d.enterprises.map((e) => ({ value: String(e.id), label: e.name }));
  const errors = a?.errors ?? {};
  // A refused form shows what was typed again.
  const typed = (intent: string) => (a?.intent === intent ? (a.values as Record<string, string | undefined>) : {});
  const unboundColumns: Column<(typeof d.unbound)[number]>[] = [
    { key: "code", header: t("meters.code"), rowHeader: true, className: "mono", cell: (m) => m.code },
    { key: "installedOn", header: t("meters.installedOn"), cell: (m) => m.installedOn ?? "—" },
  ];
  const severalColumns: Column<(typeof d.several)[number]>[] = [
    { key: "enterprise", header: t("meters.enterprise"), rowHeader: true, cell: (e) => <Link to={`/monitoring/enterprises/${e.id}`}>{e.name}</Link> },
    { key: "village", header: t("overview.village"), cell: (e) => e.village },
    { key: "codes", header: t("meters.codes"), className: "mono", cell: (e) => e.codes },
  ];
  const noMeterColumns: Column<(typeof d.noMeter)[number]>[] = [
    { key: "enterprise", header: t("meters.enterprise"), rowHeader: true, cell: (e) => <Link to={`/members/${e.id}`}>{e.name}</Link> },
    { key: "village", header: t("overview.village"), cell: (e) => e.village },
  ];
  return (
    <>
      <PageHeader
        title={t("meters.title")}
        lead={t("meters.lead", { meters: d.meterCount })}
        actions={
          <Link to="/monitoring" className="btn btn--ghost btn--small">
            {t("firm.back")}
          </Link>
        }
      />
      <details className="card" open={a?.intent === "add"}>
        <summary className="btn btn--small">{t("meters.add")}</summary>
        {a?.intent === "add" ? <FormErrors errors={errors} /> : null}
        <Form method="post" className="form">
          <div className="form-row">
            <TextField
              label={t("meters.code")}
              name="code"
              required
              maxLength={64}
              pattern="[A-Za-z0-9_\-]+"
              defaultValue={typed("add").code}
              error={a?.intent === "add" ? errors.code : undefined}
            />
            <TextField
              label={t("meters.installedOn")}
              name="installedOn"
              type="date"
              defaultValue={typed("add").installedOn}
              error={a?.intent === "add" ? errors.installedOn : undefined}
            />
          </div>
          <SelectField
            label={t("meters.enterprise")}
            name="enterpriseId"
            defaultValue={typed("add").enterpriseId ?? ""}
            placeholder={t("meters.none")}
            options={options}
            error={a?.intent === "add" ? errors.enterpriseId : undefined}
          />
          <div className="form-actions">
            <button type="submit" name="intent" value="add" className="btn" disabled={navigation.state === "submitting"}>
              {t("meters.add")}
            </button>
          </div>
        </Form>
      </details>
      {d.noMeterTotal === 0 && d.several.length === 0 && d.unbound.length === 0 ? <Alert tone="success">{t("meters.allGood")}</Alert> : null}
      <section className="card" aria-labelledby="unbound">
        <h2 id="unbound">{t("meters.unbound", { count: d.unbound.length })}</h2>
        {a?.intent === "bind" ? <FormErrors errors={errors} /> : null}
        {d.unbound.length ? (
          <>
            <DataTable label={t("meters.unbound", { count: d.unbound.length })} columns={unboundColumns} rows={d.unbound} empty={{ title: t("meters.none") }} />
            {/* One bind form for all of them: a select of every enterprise per row made the page heavy. */}
            <Form method="post" className="form form--inline">
              <SelectField
                label={t("meters.code")}
                name="meterId"
                id="bind-meter"
                required
                defaultValue={typed("bind").meterId ?? ""}
                placeholder="—"
                options={d.unbound.map((m) => ({ value: String(m.id), label: m.code }))}
              />
              <SelectField
                label={t("meters.enterprise")}
                name="enterpriseId"
                id="bind-enterprise"
                required
                defaultValue={typed("bind").enterpriseId ?? ""}
                placeholder="—"
                options={options}
              />
              <button type="submit" name="intent" value="bind" className="btn btn--small">
                {t("meters.bind")}
              </button>
            </Form>
          </>
        ) : null}
      </section>
      <section className="card" aria-labelledby="several">
        <h2 id="several">{t("meters.several", { count: d.several.length })}</h2>
        {d.several.length ? (
          <DataTable label={t("meters.several", { count: d.several.length })} columns={severalColumns} rows={d.several} empty={{ title: t("meters.none") }} />
        ) : null}
      </section>
      <section className="card" aria-labelledby="no-meter">
        <h2 id="no-meter">{t("meters.noMeter", { count: d.noMeterTotal })}</h2>
        <DataTable
          label={t("meters.noMeter", { count: d.noMeterTotal })}
          columns={noMeterColumns}
          rows={d.noMeter}
          empty={{ title: t("meters.none") }}
          pagination={{ page: d.page, pageSize: d.pageSize, total: d.noMeterTotal }}
        />
      </section>
    </>
  );
}
