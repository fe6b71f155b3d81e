import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmWithReason } from "../components/confirm-with-reason";
import { FormErrors, SelectField } from "../components/fields";
import { StatusBadge } from "../components/members/status";
import { Alert, ConfirmAction, PageHeader } from "../components/ui";
import { formatDateTime, formatMoney } from "../lib/format";
import { notFound, requireAbility, requireSignedIn } from "../lib/guard.server";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { useRootData } from "../root";
import { approveApplication, getApplication, rejectApplication } from "../modules/members/join.server";
import { decideApplicationSchema, membershipTypes } from "../modules/members/forms";
import { idParam } from "../lib/ids";
import { recordTitleMeta } from "../lib/page-title";
import { redirectWithFlash } from "../lib/flash.server";

export const meta = recordTitleMeta<typeof loader>("membersApplicationsId", (d) => ({
  name: String((d.application.profile as Record<string, unknown>).name ?? ""),
}));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAbility(request, "joinApplications.decide");
  const row = await getApplication(idParam(params));
  if (!row) notFound();
  return row;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "joinApplications.decide");
  const id = idParam(params);
  const parsed = parseForm(decideApplicationSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result =
    parsed.data.intent === "approve"
      ? await approveApplication(actor, id, parsed.data.type, clientIp(request))
      : await rejectApplication(actor, id, parsed.data.reason, clientIp(request));
  if (!result.ok) return data({ errors: { _form: result.error } }, { status: 409 });
  const flash = parsed.data.intent === "approve" ? "members:flash.approved" : "members:flash.rejected";
  if (parsed.data.intent === "approve" && "enterpriseId" in result && result.enterpriseId)
    throw redirectWithFlash(`/members/${result.enterpriseId}`, flash, request);
  throw redirectWithFlash(`/members/applications/${id}`, flash, request);
}

export default function ApplicationPage() {
  const { t } = useTranslation("members");
  const { application, associationZh, associationEn, applicantEmail, applicantName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const p = application.profile as Record<string, unknown>;
  const str = (k: string) => (p[k] == null || p[k] === "" ? "—" : String(p[k]));
  // A figure left blank is "not given", not a dash that reads like zero.
  const figure = (k: string) => (p[k] == null || p[k] === "" ? t("fields.notGiven") : String(p[k]));
  return (
    <>
      <PageHeader
        title={str("name")}
        lead={
          <>
            {t("applications.detailLead")} <StatusBadge status={application.status} />
          </>
        }
        actions={
          <Link to="/members/applications" className="btn btn--ghost btn--small">
            {t("applications.backToList")}
          </Link>
        }
      />
      <FormErrors errors={actionData?.errors} />
      {application.status === "pending" ? (
        <Alert tone="info">{t("applications.nextPending")}</Alert>
      ) : application.status === "rejected" ? (
        <Alert tone="warn">{t("applications.wasRejected", { reason: application.decisionReason ?? "" })}</Alert>
      ) : (
        <Alert tone="success">
          {t("applications.wasApproved")}{" "}
          {application.enterpriseId ? <Link to={`/members/${application.enterpriseId}`}>{t("applications.openEnterprise")}</Link> : null}
        </Alert>
      )}
      <dl className="card facts">
        <dt>{t("fields.association")}</dt>
        <dd>{lng === "en" ? associationEn : associationZh}</dd>
        <dt>{t("fields.creditCode")}</dt>
        <dd className="mono">{application.creditCode}</dd>
        <dt>{t("fields.legalRep")}</dt>
        <dd>{str("legalRep")}</dd>
        <dt>{t("fields.address")}</dt>
        <dd>{str("address")}</dd>
        <dt>{t("fields.village")}</dt>
        <dd>{str("village")}</dd>
        <dt>{t("fields.segment")}</dt>
        <dd>{p.segment ? t(`segments.${String(p.segment)}`) : "—"}</dd>
        <dt>{t("fields.aboveSize")}</dt>
        <dd>{p.aboveSize ? t("common:forms.yes") : t("common:forms.no")}</dd>
        <dt>{t("fields.annualOutput")}</dt>
        <dd>{p.annualOutputWan == null || p.annualOutputWan === "" ? t("fields.notGiven") : formatMoney(Number(p.annualOutputWan), lng)}</dd>
        <dt>{t("fields.employees")}</dt>
        <dd>{figure("employees")}</dd>
        <dt>{t("fields.exportSharePct")}</dt>
        <dd>{figure("exportSharePct")}</dd>
        <dt>{t("fields.contactPerson")}</dt>
        <dd>{str("contactPerson")}</dd>
        <dt>{t("fields.phone")}</dt>
        <dd>{str("phone")}</dd>
        <dt>{t("fields.email")}</dt>
        <dd>{str("email")}</dd>
        <dt>{t("applications.applicant")}</dt>
        <dd>
          {applicantName} · {applicantEmail}
        </dd>
        <dt>{t("applications.submitted")}</dt>
        <dd>{formatDateTime(application.createdAt, lng)}</dd>
      </dl>
      {application.status === "pending" ? (
        <div className="grid-2">
          <section className="card">
            <h2>{t("applications.approve")}</h2>
            <p className="hint">{t("applications.approveHint")}</p>
            <ConfirmAction
              label={t("applications.approve")}
              question={t("applications.approveQuestion")}
              confirmLabel={t("applications.approveConfirm")}
              intent="approve"
            >
              <SelectField
                label={t("fields.type")}
                name="type"
                defaultValue={application.requestedType}
                options={membershipTypes.map((m) => ({ value: m, label: t(`types.${m}`) }))}
              />
            </ConfirmAction>
          </section>
          <section className="card">
            <h2>{t("applications.reject")}</h2>
            <ConfirmWithReason
              label={t("applications.reject")}
              question={t("applications.rejectQuestion")}
              confirmLabel={t("applications.rejectConfirm")}
              intent="reject"
              danger
              reasonLabel={t("fields.reason")}
              maxLength={500}
              rows={3}
              error={actionData?.errors && "reason" in actionData.errors ? actionData.errors.reason : undefined}
              defaultValue={actionData && "values" in actionData && typeof actionData.values.reason === "string" ? actionData.values.reason : undefined}
            />
          </section>
        </div>
      ) : null}
    </>
  );
}
