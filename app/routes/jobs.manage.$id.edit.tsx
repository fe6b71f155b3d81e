import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "../components/fields";
import { PostingFields } from "../components/jobs/posting-form";
import { PostingStateBadge } from "../components/jobs/ui";
import { Alert, PageHeader } from "../components/ui";
import { useValidatedForm } from "../components/use-validated-form";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { redirectWithFlash } from "../lib/flash.server";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { getPostingForEdit, updatePosting } from "../modules/jobs/postings.server";
import { postingSchema } from "../modules/jobs/forms";
import { idParam } from "../lib/ids";
import { pageTitle } from "../lib/page-title";

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) =>
  d ? pageTitle(matches, "jobEdit", { title: d.posting.values.title }) : pageTitle(matches, "jobsEdit");

/** The posting of one of the member's enterprises; anyone else's is 404. */
async function ownPosting(request: Request, params: { id?: string }) {
  const actor = await requireSignedIn(request, "jobs.post");
  const posting = await getPostingForEdit(actor, idParam(params));
  if (!posting) notFound();
  return { actor, posting };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { posting } = await ownPosting(request, params);
  return { posting };
}

const fieldOfError: Record<string, string> = { closesInPast: "closesOn", enterpriseFixed: "enterpriseId", alreadyClosed: "_form" };

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, posting } = await ownPosting(request, params);
  const parsed = parseForm(postingSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await updatePosting(actor, posting.id, parsed.data, clientIp(request));
  if (!result.ok) {
    if (result.error === "notFound") notFound();
    const values = Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, String(v ?? "")]));
    return data(
      { errors: { [fieldOfError[result.error] ?? "_form"]: `jobs:errors.${result.error}` }, values },
      { status: result.error === "alreadyClosed" ? 409 : 400 },
    );
  }
  throw redirectWithFlash(`/jobs/${posting.id}`, "jobs:flash.saved", request);
}

export default function EditPostingPage() {
  const { t } = useTranslation("jobs");
  const { posting } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = (actionData?.values ?? posting.values) as Record<string, string>;
  const { register, onSubmit, errorOf } = useValidatedForm(postingSchema, errors, values);
  const closed = posting.state === "closed";
  return (
    <>
      <p>
        <Link to="/jobs/manage">← {t("manage.title")}</Link>
      </p>
      <PageHeader
        title={t("edit.title")}
        lead={
          <>
            <PostingStateBadge state={posting.state} /> <Link to={`/jobs/${posting.id}`}>{posting.values.title}</Link>
          </>
        }
      />
      {posting.state === "hidden" ? <Alert tone="warn">{t("edit.hiddenNotice", { reason: posting.hiddenReason ?? "" })}</Alert> : null}
      {posting.state === "expired" ? <Alert tone="info">{t("edit.expiredNotice")}</Alert> : null}
      {closed ? (
        <Alert tone="info">{t("edit.closedNotice")}</Alert>
      ) : (
        <>
          <FormErrors errors={errors} />
          <Form method="post" className="form form--wide" onSubmit={onSubmit} noValidate>
            <PostingFields
              register={register}
              errorOf={errorOf}
              enterprises={[{ id: Number(posting.values.enterpriseId), name: posting.enterpriseName }]}
              enterpriseHint={t("edit.enterpriseFixed")}
            />
            <div className="form-actions">
              <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
                {t("edit.submit")}
              </button>
              <Link to={`/jobs/${posting.id}`} className="btn btn--ghost">
                {t("edit.cancel")}
              </Link>
            </div>
          </Form>
        </>
      )}
    </>
  );
}
