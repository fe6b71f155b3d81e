import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextAreaField, TextField } from "../components/fields";
import { ContactFields } from "../components/members/enterprise-fields";
import { StatusBadge } from "../components/members/status";
import { Alert, PageHeader } from "../components/ui";
import { useValidatedForm } from "../components/use-validated-form";
import { formatDateTime } from "../lib/format";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { redirectWithFlash } from "../lib/flash.server";
import { clientIp } from "../lib/request.server";
import { formValues, parseForm, type FieldErrors } from "../lib/validation";
import { useRootData } from "../root";
import { myEnterprise, requestChange, updateContact } from "../modules/members/my.server";
import { changeRequestSchema, contactSchema } from "../modules/members/forms";
import { idParam } from "../lib/ids";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("myEnterprisesId", (d) => ({ name: d.enterprise.name }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "my.view");
  const enterprise = await myEnterprise(actor, idParam(params));
  if (!enterprise) notFound();
  return { enterprise };
}

type ActionData = { intent: string; errors?: FieldErrors; values?: Record<string, unknown> };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "my.editContact");
  const id = idParam(params);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const ip = clientIp(request);
  if (intent === "contact") {
    const parsed = parseForm(contactSchema, form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = await updateContact(actor, id, parsed.data, ip);
    if (!result.ok) notFound();
    throw redirectWithFlash(`/my/enterprises/${id}`, "members:flash.contactSaved", request);
  }
  if (intent === "requestChange") {
    const parsed = parseForm(changeRequestSchema, form);
    if (!parsed.ok) return data<ActionData>({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = await requestChange(actor, id, parsed.data, ip);
    if (!result.ok) {
      if (result.error === "notFound") notFound();
      // A refused request keeps what was typed.
      return data<ActionData>({ intent, errors: { _form: result.error }, values: formValues(form) }, { status: 409 });
    }
    throw redirectWithFlash(`/my/enterprises/${id}`, "members:flash.changeRequested", request);
  }
  if (!(await myEnterprise(actor, id))) notFound();
  return data<ActionData>({ intent, errors: { _form: "forms.invalid" } }, { status: 400 });
}

export default function MyEnterprisePage() {
  const { t } = useTranslation("members");
  const { enterprise } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "zh-CN";
  const contactErrors = actionData?.intent === "contact" ? actionData.errors : undefined;
  const changeErrors = actionData?.intent === "requestChange" ? actionData.errors : undefined;
  const defaults =
    actionData?.intent === "contact" && actionData.values
      ? actionData.values
      : {
          contactPerson: enterprise.contactPerson,
          phone: enterprise.phone,
          email: enterprise.email ?? "",
          address: enterprise.address,
          publicFields: enterprise.publicFields,
        };
  const { register, onSubmit, errorOf } = useValidatedForm(contactSchema, contactErrors ?? null, defaults);
  const pending = enterprise.changeRequests.find((c) => c.status === "pending");
  const active = enterprise.memberships.some((m) => m.status === "active");
  return (
    <>
      <PageHeader
        title={enterprise.name}
        lead={
          <>
            <span className="mono">{enterprise.creditCode}</span> <StatusBadge status={active ? "active" : (enterprise.memberships[0]?.status ?? "pending")} />
          </>
        }
        actions={
          <Link to="/my" className="btn btn--ghost btn--small">
            {t("my.back")}
          </Link>
        }
      />
      <section className="card">
        <h2>{t("my.contactTitle")}</h2>
        <p className="hint">{t("my.contactLead")}</p>
        <FormErrors errors={contactErrors} />
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <ContactFields register={register} errorOf={errorOf} withAddress />
          <div className="form-actions">
            <button type="submit" name="intent" value="contact" className="btn" disabled={navigation.state === "submitting"}>
              {t("common:forms.save")}
            </button>
          </div>
        </Form>
      </section>
      <section className="card">
        <h2>{t("my.changeTitle")}</h2>
        <p className="hint">{t("my.changeLead")}</p>
        {pending ? (
          <Alert tone="info">
            {t("my.changePendingSince", { date: formatDateTime(pending.createdAt, lng) })} <StatusBadge status="pending" />
          </Alert>
        ) : null}
        {enterprise.changeRequests
          .filter((c) => c.status === "rejected")
          .slice(0, 1)
          .map((c) => (
            <Alert key={c.id} tone="warn">
              {t("my.changeRejected", { reason: c.decisionReason ?? "" })}
            </Alert>
          ))}
        <FormErrors errors={changeErrors} />
        <Form method="post" className="form">
          <TextField
            label={t("my.newName")}
            name="name"
            maxLength={100}
            defaultValue={(changeErrors && (actionData?.values?.name as string)) || ""}
            error={changeErrors?.name}
          />
          <TextField
            label={t("my.newCreditCode")}
            name="creditCode"
            maxLength={24}
            defaultValue={(changeErrors && (actionData?.values?.creditCode as string)) || ""}
            error={changeErrors?.creditCode}
          />
          <TextAreaField
            label={t("fields.note")}
            name="note"
            maxLength={500}
            rows={2}
            defaultValue={(changeErrors && (actionData?.values?.note as string)) || ""}
          />
          <div className="form-actions">
            <button
              type="submit"
              name="intent"
              value="requestChange"
              className="btn btn--ghost"
              disabled={navigation.state === "submitting" || Boolean(pending)}
            >
              {t("my.sendChange")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
