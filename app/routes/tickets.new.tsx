import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { redirectWithFlash } from "../lib/flash.server";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { useValidatedForm } from "../components/use-validated-form";
import { Alert, PageHeader } from "../components/ui";
import { requireSignedIn } from "../lib/guard.server";
import { can } from "../lib/permissions";
import { parseForm } from "../lib/validation";
import { discardUploads } from "../lib/uploads.server";
import { receiveTicketForm } from "../modules/tickets/attachments.server";
import { ATTACHMENT_FIELD, MAX_FILES, ticketCategories, ticketKinds, ticketSources, ticketUrgencies } from "../modules/tickets/constants";
import { submitTicketSchema } from "../modules/tickets/forms";
import { submitTicket, ticketFormOptions } from "../modules/tickets/tickets.server";
import { getVisit } from "../modules/tickets/visits.server";
import { parseId } from "../lib/ids";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("ticketsNew");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "tickets.submit");
  const staff = can(actor, "tickets.triage");
  const options = await ticketFormOptions(actor);
  const visitId = parseId(new URL(request.url).searchParams.get("visit"));
  const visit = staff && visitId ? await getVisit(visitId) : null;
  return {
    staff,
    enterprises: options.enterprises,
    visit: visit ? { id: visit.visit.id, enterpriseId: visit.visit.enterpriseId, visitedOn: visit.visit.visitedOn } : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "tickets.submit");
  const upload = await receiveTicketForm(request);
  if (!upload.ok) {
    const values = upload.fields ? Object.fromEntries([...upload.fields.entries()].filter(([k, v]) => k !== ATTACHMENT_FIELD && typeof v === "string")) : {};
    return data({ errors: { [ATTACHMENT_FIELD]: upload.error } as Record<string, string>, values }, { status: upload.status });
  }
  const parsed = parseForm(submitTicketSchema, upload.fields);
  if (!parsed.ok) {
    await discardUploads(upload.files);
    return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  const result = await submitTicket(actor, parsed.data, upload.files).catch(async (error: unknown) => {
    await discardUploads(upload.files);
    throw error;
  });
  if (!result.ok) {
    await discardUploads(upload.files);
    return data({ errors: { enterpriseId: result.error.code } as Record<string, string>, values: parsed.data as Record<string, unknown> }, { status: 400 });
  }
  throw redirectWithFlash(`/tickets/${result.value.id}`, "tickets:flash.created", request);
}

export default function NewTicket() {
  const { t } = useTranslation("tickets");
  const { staff, enterprises, visit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const values = (actionData?.values ?? {}) as unknown as Record<string, string>;
  const defaults = {
    enterpriseId: values.enterpriseId ?? (visit?.enterpriseId ? String(visit.enterpriseId) : enterprises.length === 1 ? String(enterprises[0].id) : ""),
    category: values.category ?? "",
    title: values.title ?? "",
    description: values.description ?? "",
    urgency: values.urgency ?? "normal",
    source: values.source ?? (visit ? "visit" : "phone"),
    kind: values.kind ?? "problem",
    visitId: values.visitId ?? (visit ? String(visit.id) : ""),
  };
  const { register, onSubmit, errorOf } = useValidatedForm(submitTicketSchema, actionData?.errors, defaults);
  return (
    <>
      <PageHeader title={t("new.title")} lead={t("new.lead")} />
      {enterprises.length === 0 ? <Alert tone="warn">{t("errors.enterprise")}</Alert> : null}
      <FormErrors errors={actionData?.errors} />
      <Form method="post" encType="multipart/form-data" className="form form--wide card" onSubmit={onSubmit} noValidate>
        <SelectField
          label={t("new.enterprise")}
          {...register("enterpriseId")}
          defaultValue={defaults.enterpriseId}
          required
          placeholder={t("new.choose")}
          options={enterprises.map((e) => ({ value: String(e.id), label: e.name }))}
          error={errorOf("enterpriseId")}
        />
        <div className="form-row">
          <SelectField
            label={t("new.category")}
            {...register("category")}
            defaultValue={defaults.category}
            required
            placeholder={t("new.choose")}
            options={ticketCategories.map((c) => ({ value: c, label: t(`category.${c}`) }))}
            error={errorOf("category")}
          />
          <SelectField
            label={t("new.urgency")}
            {...register("urgency")}
            defaultValue={defaults.urgency}
            required
            options={ticketUrgencies.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
            error={errorOf("urgency")}
          />
        </div>
        {staff ? (
          <div className="form-row">
            <SelectField
              label={t("new.source")}
              {...register("source")}
              defaultValue={defaults.source}
              required
              options={ticketSources.map((s) => ({ value: s, label: t(`source.${s}`) }))}
              error={errorOf("source")}
            />
            <SelectField
              label={t("new.kind")}
              {...register("kind")}
              defaultValue={defaults.kind}
              required
              options={ticketKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              error={errorOf("kind")}
            />
          </div>
        ) : null}
        {visit ? <input type="hidden" {...register("visitId")} defaultValue={defaults.visitId} /> : null}
        {visit ? (
          <p className="muted">
            {t("new.visit")}: #{visit.id} · {visit.visitedOn}
          </p>
        ) : null}
        <TextField label={t("new.titleField")} {...register("title")} defaultValue={defaults.title} required maxLength={120} error={errorOf("title")} />
        <TextAreaField
          label={t("new.description")}
          {...register("description")}
          defaultValue={defaults.description}
          required
          maxLength={4000}
          rows={6}
          error={errorOf("description")}
        />
        <TextField
          label={t("new.attachments")}
          name={ATTACHMENT_FIELD}
          type="file"
          multiple
          accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.zip"
          hint={t("new.attachmentsHint", { max: MAX_FILES })}
          error={actionData?.errors?.[ATTACHMENT_FIELD]}
        />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {t("new.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
