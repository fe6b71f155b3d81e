import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField } from "../components/fields";
import { Alert, Badge, ConfirmAction, PageHeader } from "../components/ui";
import { redirectWithFlash } from "../lib/flash.server";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { formatDateTime } from "../lib/format";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { NOT_FOUND } from "../lib/command.server";
import { useRootData } from "../root";
import { roles } from "../modules/accounts/constants";
import { setRoleSchema } from "../modules/admin/forms";
import { getUser, organisationChoices, setUserDisabled, setUserRole, type AdminError } from "../modules/admin/users.server";
import { recordTitleMeta } from "../lib/page-title";
import { listStations } from "../modules/disputes/disputes.server";
import { stationPlacesSchema } from "../modules/disputes/forms";
import { setStationsOfUser, stationIdsOf, stationRoleFor } from "../modules/disputes/stations.server";

export const meta = recordTitleMeta<typeof loader>("adminUsersId", (d) => ({ name: d.user.displayName }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "admin.users");
  const user = await getUser(params.id ?? "");
  if (!user) notFound();
  const atStations = stationRoleFor(user.role)
    ? { worksAtStations: true, stations: await listStations(), stationIds: await stationIdsOf(user.id) }
    : { worksAtStations: false, stations: [], stationIds: [] };
  return { user, self: user.id === actor.userId, ...atStations, ...(await organisationChoices()) };
}

type ActionData = { errors?: Record<string, string> };

function adminError(error: AdminError, field?: string) {
  if (error === "notFound") notFound();
  return data<ActionData>({ errors: { [field ?? "_form"]: `admin:errors.${error}` } }, { status: error === "cannotChangeSelf" ? 409 : 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "admin.users");
  const userId = params.id ?? "";
  const form = await request.formData();
  const intent = form.get("intent");
  const ip = clientIp(request);
  const here = `/admin/users/${encodeURIComponent(userId)}`;
  if (intent === "set-role") {
    const parsed = parseForm(setRoleSchema, form);
    if (!parsed.ok) return data<ActionData>({ errors: parsed.errors }, { status: 400 });
    const result = await setUserRole(actor, userId, parsed.data, ip);
    if (!result.ok) return adminError(result.error, result.field);
    throw redirectWithFlash(here, "admin:flash.roleSet", request);
  }
  if (intent === "disable" || intent === "enable") {
    const result = await setUserDisabled(actor, userId, intent === "disable", ip);
    if (!result.ok) return adminError(result.error);
    throw intent === "disable"
      ? redirectWithFlash(here, "admin:flash.disabled", request, { count: result.endedSessions })
      : redirectWithFlash(here, "admin:flash.enabled", request);
  }
  if (intent === "set-stations") {
    const parsed = parseForm(stationPlacesSchema, form);
    if (!parsed.ok) return data<ActionData>({ errors: { stations: parsed.errors.station ?? "forms.invalid" } }, { status: 400 });
    const result = await setStationsOfUser(actor, userId, parsed.data.station, ip);
    if (!result.ok) {
      if (result.error.code === NOT_FOUND) notFound();
      // A station gone since the page was drawn is a bad choice (400); open cases in hand a conflict (409).
      return data<ActionData>({ errors: { stations: result.error.code } }, { status: result.error.code === "common:forms.choose" ? 400 : 409 });
    }
    throw redirectWithFlash(here, "admin:flash.stationsSet", request);
  }
  return data<ActionData>({ errors: { _form: "admin:errors.unknownIntent" } }, { status: 400 });
}

export default function AdminUserPage() {
  const { t } = useTranslation(["admin", "common", "disputes"]);
  const { user, self, departments, banks, worksAtStations, stations, stationIds } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "zh-CN";
  return (
    <>
      <PageHeader
        title={user.displayName}
        lead={
          <>
            {user.email} · {t(`common:roles.${user.role}`)}{" "}
            {user.disabledAt ? <Badge tone="danger">{t("admin:users.disabled")}</Badge> : <Badge tone="success">{t("admin:users.active")}</Badge>}
          </>
        }
        actions={
          <Link to="/admin/users" className="btn btn--ghost btn--small">
            {t("admin:users.back")}
          </Link>
        }
      />
      <FormErrors errors={actionData?.errors} />
      <p className="muted">{user.disabledAt ? t("admin:users.nextDisabled") : t("admin:users.nextActive")}</p>
      <div className="card">
        <dl className="facts">
          <dt>{t("admin:users.created")}</dt>
          <dd>{formatDateTime(user.createdAt, lng)}</dd>
          {user.disabledAt ? (
            <>
              <dt>{t("admin:users.disabledAt")}</dt>
              <dd>{formatDateTime(user.disabledAt, lng)}</dd>
            </>
          ) : null}
          <dt>{t("admin:users.sessions")}</dt>
          <dd>{user.activeSessions}</dd>
          {user.enterprises.length ? (
            <>
              <dt>{t("admin:users.enterprises")}</dt>
              <dd>{user.enterprises.map((e) => `${e.name} (${e.creditCode})`).join("、")}</dd>
            </>
          ) : null}
        </dl>
      </div>
      {self ? (
        <Alert tone="info">{t("admin:users.selfNote")}</Alert>
      ) : (
        <>
          <div className="card">
            <h2>{t("admin:users.changeRole")}</h2>
            <Form method="post" className="form">
              <SelectField
                label={t("admin:users.role")}
                name="role"
                defaultValue={user.role}
                required
                options={roles.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
                error={actionData?.errors?.role}
              />
              <SelectField
                label={t("admin:users.department")}
                name="departmentId"
                defaultValue={user.departmentId ? String(user.departmentId) : ""}
                placeholder={t("admin:users.choose")}
                hint={t("admin:users.departmentHint")}
                options={departments.map((d) => ({ value: String(d.id), label: lng === "en" ? d.nameEn : d.nameZh }))}
                error={actionData?.errors?.departmentId}
              />
              <SelectField
                label={t("admin:users.bank")}
                name="bankId"
                defaultValue={user.bankId ? String(user.bankId) : ""}
                placeholder={t("admin:users.choose")}
                hint={t("admin:users.bankHint")}
                options={banks.map((b) => ({ value: String(b.id), label: lng === "en" ? b.nameEn : b.nameZh }))}
                error={actionData?.errors?.bankId}
              />
              <CheckboxField label={t("admin:users.isLead")} name="isLead" defaultChecked={user.isLead} />
              <div className="form-actions">
                <button type="submit" name="intent" value="set-role" className="btn" disabled={navigation.state === "submitting"}>
                  {t("admin:users.saveRole")}
                </button>
              </div>
            </Form>
          </div>
          {worksAtStations ? (
            <div className="card">
              <h2>{t("disputes:stations.title")}</h2>
              <p className="muted">{t(user.role === "mediator" ? "disputes:stations.leadMediator" : "disputes:stations.leadStaff")}</p>
              <Form method="post" className="form">
                <fieldset className="fieldset">
                  <legend>{t("disputes:stations.legend")}</legend>
                  {stations.map((s) => (
                    <CheckboxField
                      key={s.id}
                      name="station"
                      value={s.id}
                      defaultChecked={stationIds.includes(s.id)}
                      label={lng === "en" ? `${s.nameEn} (${s.chamberEn})` : `${s.nameZh}（${s.chamberZh}）`}
                    />
                  ))}
                  {actionData?.errors?.stations ? (
                    <p className="field__error" role="alert">
                      {/* A bare key is a shared form message (common), as the fields read it; others name their area. */}
                      {t(actionData.errors.stations, { ns: "common" })}
                    </p>
                  ) : null}
                </fieldset>
                <div className="form-actions">
                  <button type="submit" name="intent" value="set-stations" className="btn" disabled={navigation.state === "submitting"}>
                    {t("disputes:stations.save")}
                  </button>
                </div>
              </Form>
            </div>
          ) : null}
          <div className="card">
            <h2>{t("admin:users.access")}</h2>
            {user.disabledAt ? (
              <ConfirmAction
                label={t("admin:users.enable")}
                question={t("admin:users.enableQuestion", { name: user.displayName })}
                confirmLabel={t("admin:users.enableConfirm")}
                intent="enable"
              />
            ) : (
              <ConfirmAction
                danger
                label={t("admin:users.disable")}
                question={t("admin:users.disableQuestion", { name: user.displayName })}
                confirmLabel={t("admin:users.disableConfirm")}
                intent="disable"
              />
            )}
          </div>
        </>
      )}
    </>
  );
}
