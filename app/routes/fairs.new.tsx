import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { redirectWithFlash } from "../lib/flash.server";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { useValidatedForm } from "../components/use-validated-form";
import { PageHeader } from "../components/ui";
import { requireSignedIn } from "../lib/guard.server";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { createFair } from "../modules/fairs/fairs.server";
import { fairSchema } from "../modules/fairs/forms";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("fairsNew");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "fairs.manage");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "fairs.manage");
  const parsed = parseForm(fairSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const fair = await createFair(actor, parsed.data, clientIp(request));
  throw redirectWithFlash(`/fairs/${fair.id}`, "fairs:flash.created", request);
}

export default function NewFairPage() {
  const { t } = useTranslation("fairs");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const values = (actionData?.values ?? { mode: "onsite", startsAt: "09:00", endsAt: "16:00", boothCapacity: "30" }) as Record<string, string>;
  const { register, onSubmit, errorOf } = useValidatedForm(fairSchema, actionData?.errors, values);
  return (
    <>
      <PageHeader title={t("new.title")} lead={t("new.lead")} />
      <FormErrors errors={actionData?.errors} />
      <Form method="post" className="form card" onSubmit={onSubmit} noValidate>
        <TextField label={t("fields.title")} {...register("title")} required maxLength={120} error={errorOf("title")} />
        <div className="form-row">
          <TextField label={t("fields.fairDate")} type="date" {...register("fairDate")} required error={errorOf("fairDate")} />
          <TextField label={t("fields.startsAt")} type="time" {...register("startsAt")} required error={errorOf("startsAt")} />
          <TextField label={t("fields.endsAt")} type="time" {...register("endsAt")} required error={errorOf("endsAt")} />
        </div>
        <SelectField
          label={t("fields.mode")}
          {...register("mode")}
          required
          options={[
            { value: "onsite", label: t("mode.onsite") },
            { value: "online", label: t("mode.online") },
          ]}
          error={errorOf("mode")}
        />
        <TextField label={t("fields.venue")} {...register("venue")} maxLength={200} hint={t("new.venueHint")} error={errorOf("venue")} />
        <TextField
          label={t("fields.onlineUrl")}
          type="url"
          {...register("onlineUrl")}
          maxLength={300}
          hint={t("new.onlineUrlHint")}
          error={errorOf("onlineUrl")}
        />
        <TextField label={t("fields.partnerSchool")} {...register("partnerSchool")} maxLength={120} error={errorOf("partnerSchool")} />
        <TextField
          label={t("fields.boothCapacity")}
          type="number"
          min={1}
          max={1000}
          inputMode="numeric"
          {...register("boothCapacity")}
          required
          error={errorOf("boothCapacity")}
        />
        <div className="form-row">
          <TextField label={t("fields.registrationOpens")} type="date" {...register("registrationOpens")} required error={errorOf("registrationOpens")} />
          <TextField
            label={t("fields.registrationCloses")}
            type="date"
            {...register("registrationCloses")}
            required
            hint={t("new.windowHint")}
            error={errorOf("registrationCloses")}
          />
        </div>
        <TextAreaField label={t("fields.description")} {...register("description")} maxLength={2000} error={errorOf("description")} />
        <CheckboxField label={t("fields.publishNow")} {...register("publishNow")} hint={t("new.publishHint")} />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {t("new.submit")}
          </button>
          <Link to="/fairs" className="btn btn--ghost">
            {t("common:forms.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
