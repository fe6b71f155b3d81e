import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField } from "../components/fields";
import { DataTable, type Column } from "../components/data-table";
import { Alert, Badge, ConfirmAction, PageHeader } from "../components/ui";
import { formatDateTime } from "../lib/format";
import { redirectWithFlash } from "../lib/flash.server";
import { requireSignedIn } from "../lib/guard.server";
import { useRootData } from "../root";
import { gatewayScopes } from "../modules/monitoring/constants";
import { createGateway, listGateways, revokeGateway } from "../modules/monitoring/gateways.server";
import { gatewaySchema, intField, parseForm, z } from "../modules/monitoring/forms.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("adminGateways");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "monitoring.gateways");
  return { gateways: await listGateways(), origin: new URL(request.url).origin };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "monitoring.gateways");
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "create") {
    const parsed = parseForm(gatewaySchema, form);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, token: null, name: null }, { status: 400 });
    const r = await createGateway(actor, parsed.data);
    // The token is in this one answer only: never stored, never logged (so not in a flash cookie either).
    return data({ intent, errors: {} as Record<string, string>, token: r.token, name: r.gateway.name }, { headers: { "Cache-Control": "no-store" } });
  }
  if (intent === "revoke") {
    const parsed = parseForm(z.object({ id: intField(1) }), form);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, token: null, name: null }, { status: 400 });
    const r = await revokeGateway(actor, parsed.data.id);
    if (!r.ok) return data({ intent, errors: { id: "forms.invalid" } as Record<string, string>, token: null, name: null }, { status: 404 });
    throw redirectWithFlash("/admin/gateways", "monitoring:flash.gatewayRevoked", request);
  }
  return data({ intent: null, errors: { _form: "forms.invalid" } as Record<string, string>, token: null, name: null }, { status: 400 });
}

export default function Gateways() {
  const { t } = useTranslation("monitoring");
  const { gateways, origin } = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "zh-CN";
  const columns: Column<(typeof gateways)[number]>[] = [
    { key: "name", header: t("gateways.name"), rowHeader: true, cell: (g) => g.name },
    { key: "scopes", header: t("gateways.scopes"), cell: (g) => g.scopes.map((s) => t(`gateways.scope.${s}`)).join("、") },
    { key: "hint", header: t("gateways.hint"), className: "mono", cell: (g) => `${g.tokenHint}…` },
    { key: "createdAt", header: t("gateways.createdAt"), cell: (g) => formatDateTime(g.createdAt, lng) },
    { key: "lastUsedAt", header: t("gateways.lastUsedAt"), cell: (g) => (g.lastUsedAt ? formatDateTime(g.lastUsedAt, lng) : t("gateways.never")) },
    {
      key: "state",
      header: t("gateways.state"),
      cell: (g) =>
        g.revokedAt ? (
          <Badge tone="neutral">{t("gateways.revokedOn", { on: formatDateTime(g.revokedAt, lng) })}</Badge>
        ) : (
          <>
            <Badge tone="success">{t("gateways.active")}</Badge>{" "}
            <ConfirmAction label={t("gateways.revoke")} question={t("gateways.revokeConfirm")} confirmLabel={t("gateways.revoke")} intent="revoke" danger>
              <input type="hidden" name="id" value={g.id} />
            </ConfirmAction>
          </>
        ),
    },
  ];
  return (
    <>
      <PageHeader title={t("gateways.title")} lead={t("gateways.lead")} />
      {a?.token ? (
        <Alert tone="success">
          <p>{t("gateways.tokenOnce", { name: a.name })}</p>
          <p>
            <code className="mono" data-testid="gateway-token">
              {a.token}
            </code>
          </p>
        </Alert>
      ) : null}
      <details className="card" open={a?.intent === "create" && !a.token}>
        <summary className="btn btn--small">{t("gateways.create")}</summary>
        <FormErrors errors={a?.intent === "create" ? a.errors : undefined} />
        <Form method="post" className="form">
          <TextField label={t("gateways.name")} name="name" required maxLength={80} error={a?.intent === "create" ? a.errors.name : undefined} />
          <fieldset className="fieldset">
            <legend>{t("gateways.scopes")}</legend>
            {gatewayScopes.map((s) => (
              <div key={s} className="field field--check">
                <input id={`scope-${s}`} type="checkbox" name="scopes" value={s} defaultChecked={s === "readings"} />
                <label htmlFor={`scope-${s}`}>{t(`gateways.scope.${s}`)}</label>
              </div>
            ))}
          </fieldset>
          <div className="form-actions">
            <button type="submit" name="intent" value="create" className="btn" disabled={navigation.state === "submitting"}>
              {t("gateways.create")}
            </button>
          </div>
        </Form>
      </details>
      <DataTable label={t("gateways.title")} columns={columns} rows={gateways} empty={{ title: t("gateways.empty"), body: t("gateways.emptyBody") }} />
      <section className="card" aria-labelledby="usage">
        <h2 id="usage">{t("gateways.usage")}</h2>
        <pre className="mono small">{`POST ${origin}/api/monitoring/readings
Authorization: Bearer yjg_…
Content-Type: application/json

{"readings": [{"meter": "M00001", "time": "2026-12-04T10:15:00+08:00", "kwh": 12.5}]}

POST ${origin}/api/monitoring/passage-alarms
{"building": "XJ-01", "floor": 2, "passage": "P1", "time": "2026-12-04T10:15:00+08:00", "status": "blocked", "photo": "<base64 JPEG>"}
{"building": "XJ-01", "floor": 2, "passage": "P1", "time": "2026-12-04T11:02:00+08:00", "status": "clear"}

npm run gateway:simulate -- --url ${origin} --token yjg_…`}</pre>
      </section>
    </>
  );
}
