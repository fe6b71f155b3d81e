import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { redirectWithFlash } from "../lib/flash.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { Alert, PageHeader } from "../components/ui";
import { shanghaiToday } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { collateralKinds, needPurposes } from "../modules/finance/constants";
import { needSchema } from "../modules/finance/forms";
import { needFormOptions, postNeed } from "../modules/finance/finance.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("financeNeedsNew");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.postNeed");
  return { enterprises: await needFormOptions(actor), today: shanghaiToday() };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.postNeed");
  const parsed = parseForm(needSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await postNeed(actor, parsed.data, { ip: clientIp(request) });
  if (!result.ok) return data({ errors: { enterpriseId: result.error } as Record<string, string>, values: {} }, { status: 400 });
  throw redirectWithFlash(`/finance/needs/${result.value.id}`, "finance:needs.submitted", request);
}

export default function NewNeed() {
  const { t } = useTranslation("finance");
  const { enterprises, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const values = (actionData?.values ?? {}) as Record<string, string | string[]>;
  const v = (k: string, d = "") => (typeof values[k] === "string" ? (values[k] as string) : d);
  const collateral = Array.isArray(values.collateral) ? values.collateral : typeof values.collateral === "string" ? [values.collateral] : [];
  const e = (k: string) => actionData?.errors?.[k];
  return (
    <>
      <PageHeader
        title={t("needs.newTitle")}
        lead={t("needs.newLead")}
        actions={
          <Link to="/finance/needs" className="btn btn--ghost btn--small">
            {t("back")}
          </Link>
        }
      />
      {enterprises.length === 0 ? <Alert tone="warn">{t("errors.enterprise")}</Alert> : null}
      <FormErrors errors={actionData?.errors} />
      <Form method="post" className="form form--wide card">
        <SelectField
          label={t("needs.enterprise")}
          name="enterpriseId"
          defaultValue={v("enterpriseId", enterprises.length === 1 ? String(enterprises[0].id) : "")}
          required
          placeholder={t("choose")}
          options={enterprises.map((x) => ({ value: String(x.id), label: x.name }))}
          error={e("enterpriseId")}
        />
        <div className="form-row">
          <TextField
            label={t("needs.amountWan")}
            name="amountWan"
            type="number"
            min={0.01}
            step="0.01"
            defaultValue={v("amountWan")}
            required
            error={e("amountWan")}
          />
          <SelectField
            label={t("needs.purpose")}
            name="purpose"
            defaultValue={v("purpose")}
            required
            placeholder={t("choose")}
            options={needPurposes.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
            error={e("purpose")}
          />
        </div>
        <div className="form-row">
          <TextField
            label={t("needs.termMonths")}
            name="termMonths"
            type="number"
            min={1}
            max={360}
            defaultValue={v("termMonths", "12")}
            required
            error={e("termMonths")}
          />
          <TextField
            label={t("needs.maxRatePct")}
            name="maxRatePct"
            type="number"
            min={0}
            max={36}
            step="0.01"
            defaultValue={v("maxRatePct")}
            required
            error={e("maxRatePct")}
            hint={t("needs.maxRateHint")}
          />
          <TextField label={t("needs.neededBy")} name="neededBy" type="date" min={today} defaultValue={v("neededBy")} required error={e("neededBy")} />
        </div>
        <fieldset>
          <legend>{t("needs.collateral")}</legend>
          {collateralKinds.map((c) => (
            <CheckboxField key={c} label={t(`collateral.${c}`)} name="collateral" value={c} defaultChecked={collateral.includes(c)} />
          ))}
          <p className="hint">{t("needs.collateralHint")}</p>
        </fieldset>
        <TextField
          label={t("needs.foundedYear")}
          name="foundedYear"
          type="number"
          min={1900}
          max={2100}
          defaultValue={v("foundedYear")}
          error={e("foundedYear")}
          hint={t("needs.foundedYearHint")}
        />
        <TextAreaField label={t("needs.description")} name="description" defaultValue={v("description")} maxLength={2000} rows={4} error={e("description")} />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {t("needs.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
