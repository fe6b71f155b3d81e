import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField } from "../components/fields";
import { useValidatedForm } from "../components/use-validated-form";
import { createSessionCookie, getActor, homePathFor, safeRedirectPath } from "../lib/auth.server";
import { requireAbility } from "../lib/guard.server";
import { redirectWithFlash } from "../lib/flash.server";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { registerSeeker } from "../modules/accounts/accounts.server";
import { seekerRegistrationSchema } from "../modules/accounts/forms";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("register");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  // ?next= brings the new seeker back to the page they came from (a job, a fair): a path on this
  // site only, checked by the one redirect check; anything else is dropped.
  const next = safeRedirectPath(new URL(request.url).searchParams.get("next"), "");
  if (actor) throw redirect(next || homePathFor(actor));
  await requireAbility(request, "account.register");
  return { next };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await getActor(request);
  if (actor) throw redirect(homePathFor(actor));
  await requireAbility(request, "account.register");
  const formData = await request.formData();
  const parsed = parseForm(seekerRegistrationSchema, formData);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await registerSeeker(parsed.data, clientIp(request));
  if (!result.ok) {
    const { password: _p, confirmPassword: _c, ...values } = parsed.data;
    if (result.error === "throttled") return data({ errors: { _form: "auth:register.throttled" }, values }, { status: 429 });
    return data({ errors: { email: "auth:register.emailTaken" }, values }, { status: 409 });
  }
  throw redirectWithFlash(safeRedirectPath(formData.get("next"), "/"), "auth:flash.registered", request, undefined, {
    headers: { "Set-Cookie": await createSessionCookie(request, result.userId) },
  });
}

export default function RegisterPage() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const { next } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const { register, onSubmit, errorOf } = useValidatedForm(seekerRegistrationSchema, actionData?.errors, values);
  return (
    <div className="card auth-card">
      <h1>{t("register.title")}</h1>
      <p className="muted">{t("register.lead")}</p>
      <FormErrors errors={actionData?.errors} />
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <TextField label={t("register.name")} {...register("displayName")} required maxLength={60} autoComplete="name" error={errorOf("displayName")} />
        <TextField label={t("register.email")} type="email" {...register("email")} required maxLength={254} autoComplete="email" error={errorOf("email")} />
        <TextField label={t("register.phone")} type="tel" {...register("phone")} required maxLength={20} autoComplete="tel" error={errorOf("phone")} />
        <TextField
          label={t("register.password")}
          type="password"
          {...register("password")}
          required
          maxLength={128}
          autoComplete="new-password"
          hint={actionData?.errors ? t("common:forms.retypePassword") : t("register.passwordHint")}
          error={errorOf("password")}
        />
        <TextField
          label={t("register.confirm")}
          type="password"
          {...register("confirmPassword")}
          required
          maxLength={128}
          autoComplete="new-password"
          error={errorOf("confirmPassword")}
        />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {t("register.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
