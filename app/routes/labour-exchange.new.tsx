import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { redirectWithFlash } from "../lib/flash.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { labourSkills } from "../modules/labour/constants";
import { FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { Alert, PageHeader } from "../components/ui";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { parseMessage, parseForm } from "../lib/validation";
import { clientIp } from "../lib/request.server";
import { createLabourPost, postingEnterprises } from "../modules/labour/labour.server";
import { labourPostSchema } from "../modules/labour/forms";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("labourExchangeNew");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "labour.post");
  return { enterprises: await postingEnterprises(actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "labour.post");
  const parsed = parseForm(labourPostSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await createLabourPost(actor, parsed.data, clientIp(request));
  if (!result.ok) notFound();
  throw redirectWithFlash(`/labour-exchange/${result.post.id}`, "labour:flash.created", request);
}

export default function NewLabourPostPage() {
  const { t } = useTranslation("labour");
  const { enterprises } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const values = (actionData?.values ?? {}) as Record<string, string | string[]>;
  const str = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  const chosen = new Set(Array.isArray(values.skills) ? values.skills : values.skills ? [values.skills] : []);
  const errors = actionData?.errors as Record<string, string> | undefined;
  if (enterprises.length === 0) return <Alert tone="info">{t("new.noEnterprise")}</Alert>;
  return (
    <>
      <PageHeader title={t("new.title")} lead={t("new.lead")} />
      <FormErrors errors={errors} />
      <Form method="post" className="form card" noValidate>
        <SelectField
          label={t("fields.enterprise")}
          name="enterpriseId"
          defaultValue={str("enterpriseId") ?? String(enterprises[0].id)}
          options={enterprises.map((e) => ({ value: String(e.id), label: e.name }))}
          required
          error={errors?.enterpriseId}
        />
        <SelectField
          label={t("fields.kind")}
          name="kind"
          defaultValue={str("kind") ?? ""}
          placeholder={t("new.chooseKind")}
          options={[
            { value: "surplus", label: t("kind.surplusLong") },
            { value: "shortage", label: t("kind.shortageLong") },
          ]}
          required
          error={errors?.kind}
        />
        <fieldset className={`field ${errors?.skills ? "field--invalid" : ""}`}>
          <legend className="is-required">{t("fields.skills")}</legend>
          <div className="skill-choices">
            {labourSkills.map((s) => (
              <label key={s} className="skill-choice">
                <input type="checkbox" name="skills" value={s} defaultChecked={chosen.has(s)} /> {t(`skills.${s}`)}
              </label>
            ))}
          </div>
          {errors?.skills ? <span className="field__error">{t(...parseMessage(errors.skills))}</span> : null}
        </fieldset>
        <TextField
          label={t("fields.headcount")}
          name="headcount"
          type="number"
          min={1}
          max={2000}
          inputMode="numeric"
          defaultValue={str("headcount")}
          required
          error={errors?.headcount}
        />
        <div className="form-row">
          <TextField label={t("fields.periodStart")} name="periodStart" type="date" defaultValue={str("periodStart")} required error={errors?.periodStart} />
          <TextField label={t("fields.periodEnd")} name="periodEnd" type="date" defaultValue={str("periodEnd")} required error={errors?.periodEnd} />
        </div>
        <TextField
          label={t("fields.location")}
          name="location"
          defaultValue={str("location") ?? enterprises[0].village}
          maxLength={60}
          required
          hint={t("new.locationHint")}
          error={errors?.location}
        />
        <TextAreaField label={t("fields.note")} name="note" defaultValue={str("note") ?? ""} maxLength={1000} error={errors?.note} />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {t("new.submit")}
          </button>
          <Link to="/labour-exchange" className="btn btn--ghost">
            {t("common:forms.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
