import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { redirectWithFlash } from "../lib/flash.server";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "../components/fields";
import { PostingFields } from "../components/jobs/posting-form";
import { PageHeader } from "../components/ui";
import { useValidatedForm } from "../components/use-validated-form";
import { requireSignedIn } from "../lib/guard.server";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { createPosting, enterprisesOf } from "../modules/jobs/postings.server";
import { postingSchema } from "../modules/jobs/forms";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("jobsNew");

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
    return data(
      { errors: { [field]: `jobs:errors.${result.error}` }, values: Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, String(v ?? "")])) },
      { status: 400 },
    );
  }
  throw redirectWithFlash(`/jobs/${result.id}`, "jobs:flash.created", request);
}

export default function NewPostingPage() {
  const { t } = useTranslation("jobs");
  const { enterprises } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const values = (actionData?.values ?? {
    enterpriseId: enterprises[0] ? String(enterprises[0].id) : "",
    jobType: "full_time",
    education: "junior_high",
    experience: "none",
  }) as Record<string, string>;
  const { register, onSubmit, errorOf } = useValidatedForm(postingSchema, actionData?.errors as Record<string, string> | undefined, values);
  return (
    <>
      <PageHeader title={t("new.title")} lead={t("new.lead")} />
      <FormErrors errors={actionData?.errors as Record<string, string> | undefined} />
      <Form method="post" className="form form--wide" onSubmit={onSubmit} noValidate>
        <PostingFields register={register} errorOf={errorOf} enterprises={enterprises} />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {t("new.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
