import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { PageHeader } from "../components/ui";
import { useValidatedForm } from "../components/use-validated-form";
import { requireSignedIn } from "../lib/guard.server";
import { redirectWithFlash } from "../lib/flash.server";
import { clientIp } from "../lib/request.server";
import { formValues, parseForm } from "../lib/validation";
import { getMyProfile, saveProfile } from "../modules/jobs/profiles.server";
import { discardUploads, receiveUploads, type StagedUpload } from "../lib/uploads.server";
import { RESUME_KINDS, RESUME_MAX_BYTES } from "../modules/jobs/resumes";
import { educationLevels, profileSchema } from "../modules/jobs/forms";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("jobsProfile");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "jobs.profile");
  return getMyProfile(actor);
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "jobs.profile");
  // The form posts multipart (it has the file input); without a file input in play, plain fields.
  const multipart = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  let form: FormData;
  let staged: StagedUpload[] = [];
  if (multipart) {
    // The shared uploads module: size bounded before and while reading, type by first bytes, random name.
    const received = await receiveUploads(request, { field: "resume", maxFiles: 1, maxFileBytes: RESUME_MAX_BYTES, allowed: RESUME_KINDS });
    if (!received.ok) {
      const key =
        received.error === "tooLarge"
          ? "jobs:errors.resumeTooLarge"
          : received.error === "typeNotAllowed"
            ? "jobs:errors.resumeType"
            : `uploads:errors.${received.error}`;
      // The fields read before the refused file come back typed (the page is not hydrated: decision 034).
      return data({ errors: { resume: key }, values: received.fields ? formValues(received.fields) : {} }, { status: received.status });
    }
    form = received.fields;
    staged = received.files;
  } else {
    form = await request.formData();
  }
  const parsed = parseForm(profileSchema, form);
  if (!parsed.ok) {
    await discardUploads(staged);
    return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  const result = await saveProfile(actor, parsed.data, staged[0] ?? null, clientIp(request));
  if (!result.ok)
    return data(
      {
        errors: { resume: `jobs:errors.${result.error}` },
        values: Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, v == null ? "" : String(v)])),
      },
      { status: 400 },
    );
  throw redirectWithFlash("/jobs/profile", "jobs:flash.profileSaved", request);
}

export default function ProfilePage() {
  const { t } = useTranslation("jobs");
  const { profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const defaults = (actionData?.values as Record<string, string> | undefined) ?? {
    fullName: profile.fullName,
    phone: profile.phone,
    school: profile.school ?? "",
    major: profile.major ?? "",
    graduationYear: profile.graduationYear ? String(profile.graduationYear) : "",
    education: profile.education,
    skills: profile.skills ?? "",
  };
  const { register, onSubmit, errorOf } = useValidatedForm(profileSchema, actionData?.errors as Record<string, string> | undefined, defaults);
  return (
    <>
      <PageHeader title={t("profile.title")} lead={t("profile.lead")} />
      <FormErrors errors={actionData?.errors as Record<string, string> | undefined} />
      <Form method="post" encType="multipart/form-data" className="form form--wide" onSubmit={onSubmit} noValidate>
        <div className="form-row">
          <TextField label={t("profile.fullName")} {...register("fullName")} required maxLength={60} autoComplete="name" error={errorOf("fullName")} />
          <TextField label={t("profile.phone")} type="tel" {...register("phone")} required maxLength={20} autoComplete="tel" error={errorOf("phone")} />
        </div>
        <div className="form-row">
          <TextField label={t("profile.school")} {...register("school")} maxLength={100} error={errorOf("school")} />
          <TextField label={t("profile.major")} {...register("major")} maxLength={100} error={errorOf("major")} />
        </div>
        <div className="form-row">
          <TextField
            label={t("profile.graduationYear")}
            type="number"
            min={1970}
            max={2100}
            {...register("graduationYear")}
            error={errorOf("graduationYear")}
          />
          <SelectField
            label={t("fields.education")}
            {...register("education")}
            required
            options={educationLevels.map((e) => ({ value: e, label: t(`education.${e}`) }))}
            error={errorOf("education")}
          />
        </div>
        <TextAreaField label={t("profile.skills")} {...register("skills")} rows={3} maxLength={1000} hint={t("profile.skillsHint")} error={errorOf("skills")} />
        <TextField
          label={t("profile.resume")}
          name="resume"
          type="file"
          accept=".pdf,.doc,.docx,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          hint={profile.hasResume ? t("profile.resumeCurrent", { name: profile.resumeOriginalName }) : t("profile.resumeHint")}
          error={errorOf("resume")}
        />
        {profile.hasResume ? (
          <p className="small">
            <a href="/jobs/resume/me" download>
              {t("profile.downloadResume")}
            </a>
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {t("profile.save")}
          </button>
        </div>
      </Form>
    </>
  );
}
