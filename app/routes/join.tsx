import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EnterpriseFields } from "../components/members/enterprise-fields";
import { FormErrors, SelectField, TextField } from "../components/fields";
import { Alert, PageHeader } from "../components/ui";
import { useValidatedForm } from "../components/use-validated-form";
import { createSessionCookie, getActor } from "../lib/auth.server";
import { requireAbility } from "../lib/guard.server";
import { redirectWithFlash } from "../lib/flash.server";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { useRootData } from "../root";
import { applyToJoin, listAssociations } from "../modules/members/join.server";
import { joinApplicationSchema, optionalFiguresText } from "../modules/members/forms";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("join");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAbility(request, "membership.apply");
  return { associations: await listAssociations(), signedInAs: actor?.email ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAbility(request, "membership.apply");
  const actor = await getActor(request);
  const parsed = parseForm(joinApplicationSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { password: _p, confirmPassword: _c, ...typed } = parsed.data;
  const values = { ...typed, ...optionalFiguresText({ ...typed, annualOutputFen: typed.annualOutputWan }) };
  if (actor) return data({ errors: { _form: "members:join.signOutFirst" }, values }, { status: 409 });
  const result = await applyToJoin(parsed.data, clientIp(request));
  if (!result.ok) return data({ errors: { [result.field]: result.error }, values }, { status: result.error === "members:errors.throttled" ? 429 : 409 });
  throw redirectWithFlash("/my", "members:flash.applied", request, undefined, { headers: { "Set-Cookie": await createSessionCookie(request, result.userId) } });
}

export default function JoinPage() {
  const { t } = useTranslation("members");
  const { associations, signedInAs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "zh-CN";
  const values = (actionData?.values ?? { publicFields: ["segment", "village"] }) as Record<string, unknown>;
  const { register, onSubmit, errorOf } = useValidatedForm(joinApplicationSchema, actionData?.errors, values);
  const options = associations.map((a) => ({
    value: String(a.id),
    label: `${lng === "en" ? a.nameEn : a.nameZh}${a.kind === "chamber" ? ` (${t("kinds.chamber")})` : ""}`,
  }));
  return (
    <>
      <PageHeader title={t("join.title")} lead={t("join.lead")} />
      {signedInAs ? <Alert tone="warn">{t("join.signedIn", { email: signedInAs })}</Alert> : null}
      <FormErrors errors={actionData?.errors} />
      <Form method="post" className="form card" onSubmit={onSubmit} noValidate>
        <fieldset className="fieldset">
          <legend>{t("join.association")}</legend>
          <SelectField
            label={t("join.associationField")}
            {...register("associationId")}
            required
            placeholder={t("hints.choose")}
            options={options}
            error={errorOf("associationId")}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t("join.enterprise")}</legend>
          <EnterpriseFields register={register} errorOf={errorOf} />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t("join.account")}</legend>
          <p className="hint">{t("join.accountLead")}</p>
          <TextField label={t("fields.displayName")} {...register("displayName")} required maxLength={60} autoComplete="name" error={errorOf("displayName")} />
          <TextField
            label={t("fields.userEmail")}
            type="email"
            {...register("userEmail")}
            required
            maxLength={254}
            autoComplete="email"
            error={errorOf("userEmail")}
          />
          <TextField
            label={t("fields.password")}
            type="password"
            {...register("password")}
            required
            maxLength={128}
            autoComplete="new-password"
            hint={actionData?.errors ? t("common:forms.retypePassword") : t("hints.password")}
            error={errorOf("password")}
          />
          <TextField
            label={t("fields.confirmPassword")}
            type="password"
            {...register("confirmPassword")}
            required
            maxLength={128}
            autoComplete="new-password"
            error={errorOf("confirmPassword")}
          />
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {t("join.submit")}
          </button>
          <Link to="/login">{t("join.haveAccount")}</Link>
        </div>
      </Form>
    </>
  );
}
