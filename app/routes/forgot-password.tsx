import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert } from "../components/ui";
import { FormErrors, TextField } from "../components/fields";
import { useValidatedForm } from "../components/use-validated-form";
import { requireAbility } from "../lib/guard.server";
import { settings } from "../lib/env.server";
import { detectLanguage } from "../lib/i18n";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { forgotPasswordSchema } from "../modules/accounts/forms";
import { requestPasswordReset } from "../modules/accounts/password-reset.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("forgotPassword");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAbility(request, "account.resetPassword");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAbility(request, "account.resetPassword");
  const parsed = parseForm(forgotPasswordSchema, await request.formData());
  if (!parsed.ok) return data({ sent: false as const, errors: parsed.errors, values: parsed.values }, { status: 400 });
  // The link points at the configured public origin, not at whatever Host the request claimed.
  const origin = settings().PUBLIC_ORIGIN ?? new URL(request.url).origin;
  // The outcome (sent, unknown, throttled) is never shown: one answer for every address.
  await requestPasswordReset({ email: parsed.data.email, ip: clientIp(request), lng: detectLanguage(request), origin });
  return data({ sent: true as const, errors: undefined, values: { email: parsed.data.email } });
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { register, onSubmit, errorOf } = useValidatedForm(forgotPasswordSchema, actionData?.errors, (actionData?.values ?? {}) as Record<string, string>);
  return (
    <div className="card auth-card">
      <h1>{t("forgot.title")}</h1>
      {actionData?.sent ? (
        <Alert tone="success">{t("forgot.sent")}</Alert>
      ) : (
        <>
          <p className="muted">{t("forgot.lead")}</p>
          <FormErrors errors={actionData?.errors} />
          <Form method="post" className="form" onSubmit={onSubmit} noValidate>
            <TextField label={t("forgot.email")} type="email" {...register("email")} required maxLength={254} autoComplete="email" error={errorOf("email")} />
            <div className="form-actions">
              <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
                {t("forgot.submit")}
              </button>
            </div>
          </Form>
        </>
      )}
      <p className="muted small">
        <Link to="/login">{t("forgot.backToLogin")}</Link>
      </p>
    </div>
  );
}
