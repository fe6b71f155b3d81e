import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, TextField } from "../components/fields";
import { useValidatedForm } from "../components/use-validated-form";
import { PageHeader } from "../components/ui";
import { redirectWithFlash } from "../lib/flash.server";
import { requireSignedIn } from "../lib/guard.server";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { useRootData } from "../root";
import { roles } from "../modules/accounts/constants";
import { createUserSchema } from "../modules/admin/forms";
import { createUser, organisationChoices } from "../modules/admin/users.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("adminUsersNew");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "admin.users");
  return organisationChoices();
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "admin.users");
  const parsed = parseForm(createUserSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await createUser(actor, parsed.data, clientIp(request));
  if (!result.ok) {
    const { password: _p, ...values } = parsed.data;
    return data(
      { errors: { [result.field ?? "_form"]: `admin:errors.${result.error}` }, values: values as unknown as Record<string, string> },
      { status: result.error === "emailTaken" ? 409 : 400 },
    );
  }
  throw redirectWithFlash(`/admin/users/${encodeURIComponent(result.userId)}`, "admin:flash.created", request);
}

export default function NewUserPage() {
  const { t } = useTranslation(["admin", "common"]);
  const { departments, banks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "zh-CN";
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const { register, onSubmit, errorOf } = useValidatedForm(createUserSchema, actionData?.errors, { role: "staff", ...values });
  return (
    <>
      <PageHeader title={t("admin:users.newTitle")} lead={t("admin:users.newLead")} />
      <div className="card">
        <FormErrors errors={actionData?.errors} />
        <Form method="post" className="form" onSubmit={onSubmit} noValidate>
          <TextField label={t("admin:users.name")} {...register("displayName")} required maxLength={60} error={errorOf("displayName")} />
          <TextField label={t("admin:users.email")} type="email" {...register("email")} required maxLength={254} error={errorOf("email")} />
          <TextField label={t("admin:users.phone")} type="tel" {...register("phone")} maxLength={20} error={errorOf("phone")} />
          <SelectField
            label={t("admin:users.role")}
            {...register("role")}
            required
            options={roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
            error={errorOf("role")}
          />
          <SelectField
            label={t("admin:users.department")}
            {...register("departmentId")}
            placeholder={t("admin:users.choose")}
            hint={t("admin:users.departmentHint")}
            options={departments.map((d) => ({ value: String(d.id), label: lng === "en" ? d.nameEn : d.nameZh }))}
            error={errorOf("departmentId")}
          />
          <SelectField
            label={t("admin:users.bank")}
            {...register("bankId")}
            placeholder={t("admin:users.choose")}
            hint={t("admin:users.bankHint")}
            options={banks.map((b) => ({ value: String(b.id), label: lng === "en" ? b.nameEn : b.nameZh }))}
            error={errorOf("bankId")}
          />
          <TextField
            label={t("admin:users.enterpriseCode")}
            {...register("enterpriseCode")}
            maxLength={18}
            hint={t("admin:users.enterpriseCodeHint")}
            error={errorOf("enterpriseCode")}
          />
          <CheckboxField label={t("admin:users.isLead")} {...register("isLead")} />
          <TextField
            label={t("admin:users.password")}
            type="password"
            {...register("password")}
            required
            maxLength={128}
            autoComplete="new-password"
            hint={t("admin:users.passwordHint")}
            error={errorOf("password")}
          />
          <div className="form-actions">
            <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
              {t("admin:users.create")}
            </button>
            <Link to="/admin/users" className="btn btn--ghost">
              {t("common:forms.cancel")}
            </Link>
          </div>
        </Form>
      </div>
    </>
  );
}
