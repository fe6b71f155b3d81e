import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { PageHeader } from "../components/ui";
import { useValidatedForm } from "../components/use-validated-form";
import { requireSignedIn } from "../lib/guard.server";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { createPosting, enterprisesOf } from "../modules/jobs/postings.server";
import { educationLevels, experienceLevels, jobLocations, jobTypes, postingSchema } from "../modules/jobs/schema";

export const meta: MetaFunction = () => [{ title: "发布岗位 New posting" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "jobs.post");
  return { enterprises: await enterprisesOf(actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "jobs.post");
  const parsed = parseForm(postingSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await createPosting(actor, parsed.data, clientIp(request));
  if (!result.ok) {
    const field = result.error === "closesInPast" ? "closesOn" : "enterpriseId";
    return data({ errors: { [field]: `jobs:errors.${result.error}` }, values: Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, String(v ?? "")])) }, { status: 400 });
  }
  throw redirect(`/jobs/${result.id}`);
}

export default function NewPostingPage() {
  const { t } = useTranslation("jobs");
  const { enterprises } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const values = (actionData?.values ?? { enterpriseId: enterprises[0] ? String(enterprises[0].id) : "", jobType: "full_time", education: "junior_high", experience: "none" }) as Record<string, string>;
  const { register, onSubmit, errorOf } = useValidatedForm(postingSchema, actionData?.errors as Record<string, string> | undefined, values);
  return (
    <>
      <PageHeader title={t("new.title")} lead={t("new.lead")} />
      <FormErrors errors={actionData?.errors as Record<string, string> | undefined} />
      <Form method="post" className="form form--wide" onSubmit={onSubmit} noValidate>
        <SelectField label={t("fields.enterprise")} {...register("enterpriseId")} required options={enterprises.map((e) => ({ value: String(e.id), label: e.name }))} error={errorOf("enterpriseId")} />
        <div className="form-row">
          <TextField label={t("fields.title")} {...register("title")} required maxLength={60} error={errorOf("title")} />
          <TextField label={t("fields.headcount")} type="number" min={1} max={999} {...register("headcount")} required error={errorOf("headcount")} />
        </div>
        <div className="form-row">
          <TextField label={t("fields.salaryMin")} type="number" min={0} {...register("salaryMin")} required hint={t("new.salaryHint")} error={errorOf("salaryMin")} />
          <TextField label={t("fields.salaryMax")} type="number" min={0} {...register("salaryMax")} required error={errorOf("salaryMax")} />
        </div>
        <div className="form-row">
          <SelectField label={t("fields.education")} {...register("education")} required options={educationLevels.map((e) => ({ value: e, label: t(`education.${e}`) }))} error={errorOf("education")} />
          <SelectField label={t("fields.experience")} {...register("experience")} required options={experienceLevels.map((e) => ({ value: e, label: t(`experience.${e}`) }))} error={errorOf("experience")} />
          <SelectField label={t("fields.jobType")} {...register("jobType")} required options={jobTypes.map((j) => ({ value: j, label: t(`jobType.${j}`) }))} error={errorOf("jobType")} />
        </div>
        <div className="form-row">
          <SelectField label={t("fields.location")} {...register("location")} required placeholder={t("new.choose")} options={jobLocations.map((l) => ({ value: l, label: l }))} error={errorOf("location")} />
          <TextField label={t("fields.closesOn")} type="date" {...register("closesOn")} required error={errorOf("closesOn")} />
        </div>
        <TextAreaField label={t("fields.description")} {...register("description")} required rows={6} maxLength={4000} error={errorOf("description")} />
        <TextAreaField label={t("fields.benefits")} {...register("benefits")} rows={3} maxLength={1000} error={errorOf("benefits")} />
        <TextField label={t("fields.contact")} {...register("contact")} required maxLength={100} hint={t("new.contactHint")} error={errorOf("contact")} />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>{t("new.submit")}</button>
        </div>
      </Form>
    </>
  );
}
