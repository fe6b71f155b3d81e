import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert } from "../components/ui";
import { FormErrors, TextField } from "../components/fields";
import { useValidatedForm } from "../components/use-validated-form";
import { redirectWithFlash } from "../lib/flash.server";
import { requireAbility } from "../lib/guard.server";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { resetPasswordSchema } from "../modules/accounts/forms";
import { resetPassword, resetTokenUsable } from "../modules/accounts/password-reset.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("resetPassword");

// The token is in the URL: no Referer carries it to another site (same-origin: the page's own form still sends
// its Origin, which the cross-site check needs; no-referrer made the browser send "null"), no cache keeps the page.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "same-origin", "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAbility(request, "account.resetPassword");
  const usable = await resetTokenUsable(params.token ?? "");
  // Unknown, used and expired links look the same: the page says only what to do next.
  return data({ usable }, { headers: { "Referrer-Policy": "same-origin", "Cache-Control": "no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireAbility(request, "account.resetPassword");
  const parsed = parseForm(resetPasswordSchema, await request.formData());
  if (!parsed.ok) return data({ usable: true, errors: parsed.errors }, { status: 400 });
  const result = await resetPassword(params.token ?? "", parsed.data.password, clientIp(request));
  if (!result.ok) return data({ usable: false, errors: undefined }, { status: 410 });
  return redirectWithFlash("/login", "auth:reset.done", request);
}

export default function ResetPasswordPage() {
  const { t } = useTranslation("auth");
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { register, onSubmit, errorOf } = useValidatedForm(resetPasswordSchema, actionData?.errors, {});
  const usable = actionData ? actionData.usable : loaderData.usable;
  if (!usable) {
    return (
      <div className="card auth-card">
        <h1>{t("reset.unusableTitle")}</h1>
        <Alert tone="error">{t("reset.unusable")}</Alert>
        <p>
          <Link to="/forgot-password" className="btn">
            {t("reset.requestNew")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="card auth-card">
      <h1>{t("reset.title")}</h1>
      <p className="muted">{t("reset.lead")}</p>
      <FormErrors errors={actionData?.errors} />
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t("reset.password")}
          type="password"
          {...register("password")}
          required
          maxLength={128}
          autoComplete="new-password"
          hint={t("register.passwordHint")}
          error={errorOf("password")}
        />
        <TextField
          label={t("reset.confirm")}
          type="password"
          {...register("confirmPassword")}
          required
          maxLength={128}
          autoComplete="new-password"
          error={errorOf("confirmPassword")}
        />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {t("reset.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
