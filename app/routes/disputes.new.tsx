import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { redirectWithFlash } from "../lib/flash.server";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { Alert, PageHeader } from "../components/ui";
import { requireSignedIn } from "../lib/guard.server";
import { clientIp } from "../lib/request.server";
import { discardUploads } from "../lib/uploads.server";
import { parseForm } from "../lib/validation";
import { useRootData } from "../root";
import { disputeTypes, EVIDENCE_FIELD, MAX_EVIDENCE_FILES } from "../modules/disputes/constants";
import { fileCase, filingOptions } from "../modules/disputes/disputes.server";
import { receiveEvidenceForm } from "../modules/disputes/evidence.server";
import { fileCaseSchema } from "../modules/disputes/forms";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("disputesNew");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "disputes.file");
  return filingOptions(actor);
}

function stringValues(fields: FormData | null): Record<string, string> {
  if (!fields) return {};
  return Object.fromEntries(
    [...fields.entries()].filter(([k, v]) => k !== EVIDENCE_FIELD && typeof v === "string").map(([k, v]) => [k, String(v).slice(0, 8000)]),
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "disputes.file");
  const upload = await receiveEvidenceForm(request);
  if (!upload.ok)
    return data({ errors: { [EVIDENCE_FIELD]: upload.error } as Record<string, string>, values: stringValues(upload.fields) }, { status: upload.status });
  const parsed = parseForm(fileCaseSchema, upload.fields);
  if (!parsed.ok) {
    await discardUploads(upload.files);
    return data({ errors: parsed.errors, values: stringValues(upload.fields) }, { status: 400 });
  }
  const result = await fileCase(actor, parsed.data, upload.files, { ip: clientIp(request) }).catch(async (error: unknown) => {
    await discardUploads(upload.files);
    throw error;
  });
  if (!result.ok) {
    await discardUploads(upload.files);
    const field = result.error.endsWith("station") ? "stationId" : result.error.endsWith("applicant") ? "applicantEnterpriseId" : "respondentEnterpriseId";
    return data({ errors: { [field]: result.error } as Record<string, string>, values: stringValues(upload.fields) }, { status: 400 });
  }
  throw redirectWithFlash(`/disputes/${result.case.id}`, "disputes:flash.created", request);
}

export default function NewDispute() {
  const { t } = useTranslation("disputes");
  const { own, stations, respondents } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "zh-CN";
  const v = (actionData?.values ?? {}) as Record<string, string>;
  const e = (actionData?.errors ?? {}) as Record<string, string>;
  return (
    <>
      <PageHeader title={t("new.title")} lead={t("new.lead")} />
      {own.length === 0 ? <Alert tone="warn">{t("new.noEnterprise")}</Alert> : null}
      <FormErrors errors={actionData?.errors} />
      <Form method="post" encType="multipart/form-data" className="form form--wide card">
        <div className="form-row">
          <SelectField
            label={t("new.applicant")}
            name="applicantEnterpriseId"
            required
            defaultValue={v.applicantEnterpriseId ?? (own.length === 1 ? String(own[0].id) : "")}
            placeholder={t("new.choose")}
            options={own.map((o) => ({ value: String(o.id), label: o.name }))}
            error={e.applicantEnterpriseId}
          />
          <SelectField
            label={t("new.station")}
            name="stationId"
            required
            defaultValue={v.stationId ?? ""}
            placeholder={t("new.choose")}
            options={stations.map((s) => ({ value: String(s.id), label: lng === "zh-CN" ? s.nameZh : s.nameEn }))}
            error={e.stationId}
          />
        </div>
        <fieldset className="fieldset">
          <legend>{t("detail.respondent")}</legend>
          <SelectField
            label={t("new.respondentKind")}
            name="respondentKind"
            required
            defaultValue={v.respondentKind ?? "member"}
            options={[
              { value: "member", label: t("new.respondentMember") },
              { value: "outside", label: t("new.respondentOutside") },
            ]}
            error={e.respondentKind}
          />
          <SelectField
            label={t("new.respondentEnterprise")}
            name="respondentEnterpriseId"
            defaultValue={v.respondentEnterpriseId ?? ""}
            placeholder={t("new.choose")}
            options={respondents.map((r) => ({ value: String(r.id), label: r.name }))}
            error={e.respondentEnterpriseId}
          />
          <p className="muted small">{t("new.outsideHint")}</p>
          <div className="form-row">
            <TextField label={t("new.respondentName")} name="respondentName" maxLength={120} defaultValue={v.respondentName ?? ""} error={e.respondentName} />
            <TextField
              label={t("new.respondentCreditCode")}
              name="respondentCreditCode"
              maxLength={18}
              defaultValue={v.respondentCreditCode ?? ""}
              error={e.respondentCreditCode}
            />
          </div>
          <TextField
            label={t("new.respondentContact")}
            name="respondentContact"
            maxLength={200}
            defaultValue={v.respondentContact ?? ""}
            error={e.respondentContact}
          />
        </fieldset>
        <div className="form-row">
          <SelectField
            label={t("new.type")}
            name="type"
            required
            defaultValue={v.type ?? ""}
            placeholder={t("new.choose")}
            options={disputeTypes.map((d) => ({ value: d, label: t(`type.${d}`) }))}
            error={e.type}
          />
          <TextField
            label={t("new.amount")}
            name="amountYuan"
            type="number"
            min={0}
            step="0.01"
            required
            defaultValue={v.amountYuan ?? ""}
            error={e.amountYuan}
          />
        </div>
        <TextAreaField label={t("new.facts")} name="facts" required rows={6} maxLength={4000} defaultValue={v.facts ?? ""} error={e.facts} />
        <TextAreaField label={t("new.request")} name="request" required rows={3} maxLength={2000} defaultValue={v.request ?? ""} error={e.request} />
        <TextField
          label={t("new.evidence")}
          name={EVIDENCE_FIELD}
          type="file"
          multiple
          accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.zip"
          hint={t("new.evidenceHint", { max: MAX_EVIDENCE_FILES })}
          error={e[EVIDENCE_FIELD]}
        />
        <CheckboxField label={t("new.consent")} name="consent" defaultChecked={v.consent === "on"} error={e.consent} />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={navigation.state === "submitting" || own.length === 0}>
            {t("new.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
