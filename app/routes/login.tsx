import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { Alert } from "../components/ui";
import { TextField } from "../components/fields";
import { getActor, homePathFor, login, loadActor, safeRedirectPath } from "../lib/auth.server";
import { requireAbility } from "../lib/guard.server";
import { loginSchema, parseForm } from "../modules/accounts/forms.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("login");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAbility(request, "account.login");
  const actor = await getActor(request);
  if (actor) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("next"), homePathFor(actor)));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAbility(request, "account.login");
  const parsed = parseForm(loginSchema, await request.formData());
  if (!parsed.ok) return data({ error: "auth:login.invalid" as const, email: String(parsed.values.email ?? "") }, { status: 400 });
  const result = await login(request, parsed.data.email, parsed.data.password);
  if (!result.ok) {
    return data(
      { error: result.reason === "throttled" ? ("auth:login.throttled" as const) : ("auth:login.invalid" as const), email: parsed.data.email },
      { status: result.reason === "throttled" ? 429 : 401 },
    );
  }
  const actor = await loadActor(result.userId);
  throw redirect(safeRedirectPath(parsed.data.next, actor ? homePathFor(actor) : "/"), { headers: { "Set-Cookie": result.cookie } });
}

export default function LoginPage() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  return (
    <div className="card auth-card">
      <h1>{t("login.title")}</h1>
      <p className="muted">{t("login.lead")}</p>
      {actionData?.error ? <Alert tone="error">{t(actionData.error)}</Alert> : null}
      <Form method="post" className="form">
        <input type="hidden" name="next" value={params.get("next") ?? ""} />
        {/* One field for an email or a mobile number (type text: a phone is not an email). */}
        <TextField
          label={t("login.identifier")}
          name="email"
          type="text"
          inputMode="email"
          autoComplete="username"
          hint={t("login.identifierHint")}
          required
          maxLength={254}
          defaultValue={actionData?.email ?? ""}
        />
        <TextField label={t("login.password")} name="password" type="password" autoComplete="current-password" required maxLength={1024} />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {t("login.submit")}
          </button>
          <Link to="/forgot-password">{t("login.forgot")}</Link>
        </div>
      </Form>
      <p className="muted small">
        <Trans
          t={t}
          i18nKey="login.noAccount"
          components={{
            a: <Link to={params.get("next") ? `/register?${new URLSearchParams({ next: params.get("next")! })}` : "/register"} />,
            b: <Link to="/join" />,
          }}
        />
      </p>
    </div>
  );
}
