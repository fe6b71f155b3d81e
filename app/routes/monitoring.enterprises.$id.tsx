import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { redirectWithFlash } from "../lib/flash.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FirmCharts, FirmFacts, FirmTables, flagParams } from "../components/monitoring";
import { Alert, Badge, PageHeader } from "../components/ui";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { detectLanguage } from "../lib/i18n";
import { parseMessage } from "../lib/messages";
import { flagKinds, type FlagKind } from "../modules/monitoring/constants";
import { firmCharts, firmSeries, openFromFlag } from "../modules/monitoring/monitoring.server";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("monitoringEnterprise", (d) => ({ name: d.series.firm.name }));

function idOf(raw: string | undefined): number {
  if (!/^\d{1,9}$/.test(raw ?? "")) notFound();
  return Number(raw);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "monitoring.view");
  const series = await firmSeries(actor, idOf(params.id));
  if (!series) notFound();
  return { series, charts: await firmCharts(series, detectLanguage(request)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "monitoring.actOnFlag");
  const id = idOf(params.id);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const kind = String(form.get("kind") ?? "");
  if ((intent !== "visit" && intent !== "ticket") || !(flagKinds as readonly string[]).includes(kind)) return data({ error: "forms.invalid" }, { status: 400 });
  const result = await openFromFlag(actor, id, kind as FlagKind, intent);
  if (!result.ok) {
    if (result.error === "notFound") notFound();
    return data({ error: result.error }, { status: 409 });
  }
  throw redirectWithFlash(result.to, `monitoring:flash.${intent}`, request);
}

export default function FirmMonitoring() {
  const { t } = useTranslation("monitoring");
  const { series: s, charts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <PageHeader
        title={t("firm.title", { name: s.firm.name })}
        lead={t("firm.lead", { segment: t(`segments.${s.firm.segment}`), village: s.firm.village, class: t(`classes.${s.cls}`) })}
        actions={
          <>
            <Link to="/monitoring" className="btn btn--ghost btn--small">
              {t("firm.back")}
            </Link>
            <Link to={`/members/${s.firm.id}`} className="btn btn--ghost btn--small">
              {t("firm.record")}
            </Link>
          </>
        }
      />
      {actionData?.error ? <Alert tone="error">{t(...parseMessage(actionData.error))}</Alert> : null}
      <section className="card" aria-labelledby="flags">
        <h2 id="flags">{t("firm.flags")}</h2>
        {s.flags.length === 0 ? (
          <p className="muted">{t("flags.none")}</p>
        ) : (
          <ul className="flag-list">
            {s.flags.map((f) => (
              <li key={f.kind} className="card">
                <p>
                  <Badge tone="danger">{t(`flags.${f.kind}.title`)}</Badge>
                </p>
                <p>
                  <strong>{t("flags.why")}:</strong> {t(`flags.${f.kind}.figures`, flagParams(f.figures))}
                </p>
                <Form method="post" className="form-actions">
                  <input type="hidden" name="kind" value={f.kind} />
                  <button type="submit" name="intent" value="visit" className="btn btn--small" disabled={navigation.state === "submitting"}>
                    {t("flags.openVisit")}
                  </button>
                  <button type="submit" name="intent" value="ticket" className="btn btn--ghost btn--small" disabled={navigation.state === "submitting"}>
                    {t("flags.openTicket")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <FirmFacts series={s} />
      <FirmCharts charts={charts} />
      <FirmTables series={s} />
    </>
  );
}
