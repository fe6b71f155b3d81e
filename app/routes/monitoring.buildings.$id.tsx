import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextField } from "../components/fields";
import { DataTable, type Column } from "../components/data-table";
import { Badge, PageHeader } from "../components/ui";
import { formatDateTime, formatMoney } from "../lib/format";
import { redirectWithFlash } from "../lib/flash.server";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { useRootData } from "../root";
import { filingStatuses } from "../modules/monitoring/constants";
import { getBuilding, updateRental } from "../modules/monitoring/buildings.server";
import { parseForm, rentalSchema } from "../modules/monitoring/forms.server";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("monitoringBuilding", (d) => ({ name: `${d.building.code} · ${d.building.name}` }));

function idOf(raw: string | undefined): number {
  if (!/^\d{1,9}$/.test(raw ?? "")) notFound();
  return Number(raw);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSignedIn(request, "monitoring.view");
  const found = await getBuilding(idOf(params.id));
  if (!found) notFound();
  return found;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "monitoring.manage");
  const id = idOf(params.id);
  const parsed = parseForm(rentalSchema, await request.formData());
  // A refused form comes back with what was typed.
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const r = await updateRental(actor, id, parsed.data);
  if (!r.ok) notFound();
  throw redirectWithFlash(`/monitoring/buildings/${id}`, "monitoring:flash.rentalSaved", request);
}

export default function BuildingPage() {
  const { t } = useTranslation("monitoring");
  const { building: b, floors, alarms } = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "zh-CN";
  const e = a?.errors ?? {};
  const v = (a?.values ?? {}) as Record<string, string | undefined>;
  const alarmColumns: Column<(typeof alarms)[number]>[] = [
    {
      key: "notice",
      header: t("alarms.notice"),
      rowHeader: true,
      cell: (x) => (
        <Link to={`/monitoring/alarms/${x.id}`} className="mono">
          {x.noticeNo}
        </Link>
      ),
    },
    { key: "raisedAt", header: t("alarms.raisedAt"), cell: (x) => formatDateTime(x.raisedAt, lng) },
    { key: "floor", header: t("alarms.floor"), align: "end", cell: (x) => x.floor },
    { key: "passage", header: t("alarms.passage"), cell: (x) => x.passage },
    { key: "tenant", header: t("alarms.tenant"), cell: (x) => x.tenant ?? "—" },
    {
      key: "status",
      header: t("alarms.status"),
      cell: (x) => <Badge tone={x.status === "open" ? "danger" : "success"}>{t(`alarms.statusOf.${x.status}`)}</Badge>,
    },
  ];
  return (
    <>
      <PageHeader
        title={`${b.code} · ${b.name}`}
        lead={`${b.village} · ${b.address} · ${t("buildings.landlord")}: ${b.landlord}`}
        actions={
          <Link to="/monitoring/buildings" className="btn btn--ghost btn--small">
            {t("buildings.back")}
          </Link>
        }
      />
      <section className="card" aria-labelledby="floors">
        <h2 id="floors">{t("buildings.floors")}</h2>
        <div className="table-wrap" role="region" aria-label={t("buildings.floors")} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("alarms.floor")}</th>
                <th scope="col">{t("buildings.floorTenants")}</th>
                <th scope="col">{t("buildings.floorPassages")}</th>
              </tr>
            </thead>
            <tbody>
              {floors.map((f) => (
                <tr key={f.floor}>
                  <th scope="row">{t("buildings.floor", { floor: f.floor })}</th>
                  <td>
                    {f.tenants.length === 0 ? <span className="muted">{t("buildings.noTenant")}</span> : null}
                    {f.tenants.map((x) => (
                      <div key={x.id}>
                        <Link to={`/monitoring/enterprises/${x.enterpriseId}`}>{x.name}</Link>{" "}
                        <span className="muted small">
                          {t("buildings.area", { n: x.areaM2 })} · {t("buildings.since", { on: x.startedOn })}
                        </span>
                      </div>
                    ))}
                  </td>
                  <td>{f.passages.map((p) => `${p.code} ${p.name}`).join("、") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="rental">
        <h2 id="rental">
          {t("buildings.filing")} · {t("buildings.deposit")}
        </h2>
        <FormErrors errors={a?.errors} />
        <Form method="post" className="form">
          <div className="form-row">
            <SelectField
              label={t("buildings.filing")}
              name="filingStatus"
              required
              defaultValue={v.filingStatus ?? b.filingStatus}
              options={filingStatuses.map((s) => ({ value: s, label: t(`buildings.filingStatus.${s}`) }))}
              error={e.filingStatus}
            />
            <TextField label={t("buildings.filingNo")} name="filingNo" maxLength={64} defaultValue={v.filingNo ?? b.filingNo ?? ""} error={e.filingNo} />
            <TextField label={t("buildings.filedOn")} name="filedOn" type="date" defaultValue={v.filedOn ?? b.filedOn ?? ""} error={e.filedOn} />
          </div>
          <div className="form-row">
            <TextField
              label={t("buildings.depositYuan")}
              name="depositFen"
              type="number"
              min={0}
              step="0.01"
              required
              defaultValue={v.depositFen ?? String(b.depositFen / 100)}
              error={e.depositFen}
              hint={formatMoney(b.depositFen, lng)}
            />
            <TextField
              label={t("buildings.depositPaidOn")}
              name="depositPaidOn"
              type="date"
              defaultValue={v.depositPaidOn ?? b.depositPaidOn ?? ""}
              error={e.depositPaidOn}
            />
            <TextField
              label={t("buildings.depositRefundedOn")}
              name="depositRefundedOn"
              type="date"
              defaultValue={v.depositRefundedOn ?? b.depositRefundedOn ?? ""}
              error={e.depositRefundedOn}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
              {t("buildings.saveRental")}
            </button>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="alarms">
        <h2 id="alarms">{t("buildings.recentAlarms")}</h2>
        {alarms.length === 0 ? (
          <p className="muted">{t("alarms.empty")}</p>
        ) : (
          <DataTable label={t("buildings.recentAlarms")} columns={alarmColumns} rows={alarms} empty={{ title: t("alarms.empty") }} />
        )}
      </section>
    </>
  );
}
