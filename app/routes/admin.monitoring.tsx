import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField } from "../components/fields";
import { PageHeader } from "../components/ui";
import { redirectWithFlash } from "../lib/flash.server";
import { requireSignedIn } from "../lib/guard.server";
import { thresholdBounds, type Thresholds } from "../modules/monitoring/constants";
import { getThresholds, setThresholds } from "../modules/monitoring/monitoring.server";
import { parseForm, thresholdsSchema } from "../modules/monitoring/forms.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("adminMonitoring");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "monitoring.configure");
  return { thresholds: await getThresholds() };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "monitoring.configure");
  const parsed = parseForm(thresholdsSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await setThresholds(actor, parsed.data);
  throw redirectWithFlash("/admin/monitoring", "monitoring:flash.thresholdsSaved", request);
}

const keys = Object.keys(thresholdBounds) as (keyof Thresholds)[];

export default function MonitoringSettings() {
  const { t } = useTranslation("monitoring");
  const { thresholds } = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const navigation = useNavigation();
  const values = (a?.values ?? {}) as Record<string, string>;
  return (
    <>
      <PageHeader title={t("settings.title")} lead={t("settings.lead")} />
      <FormErrors errors={a?.errors} />
      <Form method="post" className="form card">
        {keys.map((k) => (
          <TextField
            key={k}
            label={t(`settings.${k}`)}
            name={k}
            type="number"
            required
            min={thresholdBounds[k].min}
            max={thresholdBounds[k].max}
            step={1}
            defaultValue={values[k] ?? String(thresholds[k])}
            error={a?.errors[k]}
          />
        ))}
        <div className="form-actions">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {t("settings.save")}
          </button>
        </div>
      </Form>
    </>
  );
}
