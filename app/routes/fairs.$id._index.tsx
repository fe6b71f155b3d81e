import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BoothStatusBadge, FairStatusBadge } from "../components/fairs/ui";
import { FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { useValidatedForm as useFormFor } from "../components/use-validated-form";
import { Alert, Badge, ConfirmAction, EmptyState, PageHeader } from "../components/ui";
import { getActor } from "../lib/auth.server";
import { badRequest, notFound, requireAbility, requireSignedIn } from "../lib/guard.server";
import { redirectWithFlash } from "../lib/flash.server";
import { shanghaiToday } from "../lib/format";
import { can } from "../lib/permissions";
import { clientIp } from "../lib/request.server";
import { formValues, parseForm } from "../lib/validation";
import { canPreRegister, registrationWindowState } from "../modules/fairs/booth-rules";
import { displayCheckInCode } from "../modules/fairs/checkin-code";
import {
  approvedBooths,
  checkInCounts,
  getFairFor,
  listBooths,
  myBooths,
  myRegistration,
  preRegister,
  requestBooth,
  seekerDefaults,
  setFairStatus,
  withdrawBooth,
} from "../modules/fairs/fairs.server";
import { checkInQrDataUrl } from "../modules/fairs/qr.server";
import { boothRequestSchema, preRegisterSchema } from "../modules/fairs/forms";
import { idParam, parseId } from "../lib/ids";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("fairsId", (d) => ({ name: d.fair.title }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAbility(request, "fairs.view");
  const actor = await getActor(request);
  const fair = await getFairFor(actor, idParam(params));
  if (!fair) notFound();
  const today = shanghaiToday();
  const { createdBy: _c, ...publicFair } = fair;
  const booths = await approvedBooths(fair.id);
  const mine = actor && can(actor, "fairs.requestBooth") ? await myBooths(actor, fair.id) : null;
  let registration = null;
  let seeker = null;
  if (actor && can(actor, "fairs.preRegister")) {
    const reg = await myRegistration(actor, fair.id);
    registration = reg
      ? { code: displayCheckInCode(reg.code), qr: await checkInQrDataUrl(reg.code), fullName: reg.fullName, checkedInAt: reg.checkedInAt }
      : null;
    seeker = reg ? null : await seekerDefaults(actor);
  }
  const staff =
    actor && can(actor, "fairs.manage")
      ? { counts: (await listBooths(fair.id, { status: null, page: 1 })).counts, visitors: await checkInCounts(fair.id) }
      : null;
  return {
    fair: publicFair,
    booths,
    mine,
    registration,
    seeker,
    staff,
    signedIn: Boolean(actor),
    window: registrationWindowState(fair, today),
    preRegistration: canPreRegister(fair, today),
    may: { preRegister: can(actor, "fairs.preRegister"), requestBooth: can(actor, "fairs.requestBooth") },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const fairId = idParam(params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const ip = clientIp(request);
  if (intent === "preRegister") {
    const actor = await requireSignedIn(request, "fairs.preRegister");
    const parsed = parseForm(preRegisterSchema, formData);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = await preRegister(actor, fairId, parsed.data, ip);
    if (!result.ok) {
      if (result.error === "notFound") notFound();
      return data({ intent, errors: { _form: `fairs:errors.${result.error}` }, values: formValues(formData) }, { status: 409 });
    }
    throw redirectWithFlash(`/fairs/${fairId}#my-registration`, "fairs:flash.preRegistered", request);
  }
  if (intent === "requestBooth") {
    const actor = await requireSignedIn(request, "fairs.requestBooth");
    const parsed = parseForm(boothRequestSchema, formData);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = await requestBooth(actor, fairId, parsed.data, ip);
    if (!result.ok) {
      if (result.error === "notFound") notFound();
      return data({ intent, errors: { _form: `fairs:errors.${result.error}` }, values: formValues(formData) }, { status: 409 });
    }
    throw redirectWithFlash(`/fairs/${fairId}#my-booth`, "fairs:flash.boothRequested", request);
  }
  if (intent === "withdrawBooth") {
    const actor = await requireSignedIn(request, "fairs.requestBooth");
    const result = await withdrawBooth(actor, fairId, parseId(formData.get("boothId")) ?? 0, ip);
    if (!result.ok) {
      if (result.error === "notFound") notFound();
      return data({ intent, errors: { _form: `fairs:errors.${result.error}` } }, { status: 409 });
    }
    throw redirectWithFlash(`/fairs/${fairId}#my-booth`, "fairs:flash.boothWithdrawn", request);
  }
  if (intent === "publish" || intent === "cancel") {
    const actor = await requireSignedIn(request, "fairs.manage");
    const result = await setFairStatus(actor, fairId, intent === "publish" ? "published" : "cancelled", ip);
    if (!result.ok) {
      if (result.error === "notFound") notFound();
      return data({ intent, errors: { _form: `fairs:errors.${result.error}` } }, { status: 409 });
    }
    throw redirectWithFlash(`/fairs/${fairId}`, intent === "publish" ? "fairs:flash.published" : "fairs:flash.cancelled", request);
  }
  // Anything else: the public is sent to sign in first, a signed-in user gets 400.
  await requireSignedIn(request, "fairs.view");
  badRequest();
}

type ActionData = { intent?: string; errors?: Record<string, string>; values?: Record<string, string | string[]> };

export default function FairPage() {
  const { t } = useTranslation("fairs");
  const { fair, booths, mine, registration, seeker, staff, signedIn, window, preRegistration, may } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  return (
    <>
      <PageHeader
        title={fair.title}
        lead={
          <>
            <FairStatusBadge status={fair.status} /> {fair.fairDate} {fair.startsAt}–{fair.endsAt}
          </>
        }
        actions={
          staff ? (
            <>
              <Link className="btn btn--ghost btn--small" to={`/fairs/${fair.id}/booths`}>
                {t("detail.manageBooths")}
              </Link>
              <Link className="btn btn--ghost btn--small" to={`/fairs/${fair.id}/check-in`}>
                {t("detail.checkIn")}
              </Link>
              <Link className="btn btn--ghost btn--small" to={`/fairs/${fair.id}/report`}>
                {t("detail.report")}
              </Link>
            </>
          ) : null
        }
      />
      {actionData?.errors && !actionData.values ? <FormErrors errors={actionData.errors} /> : null}
      <section className="card">
        <dl className="facts">
          <dt>{t("fields.when")}</dt>
          <dd>
            {fair.fairDate} {fair.startsAt}–{fair.endsAt}
          </dd>
          <dt>{t("fields.mode")}</dt>
          <dd>{t(`mode.${fair.mode}`)}</dd>
          {fair.venue ? (
            <>
              <dt>{t("fields.venue")}</dt>
              <dd>{fair.venue}</dd>
            </>
          ) : null}
          {fair.onlineUrl ? (
            <>
              <dt>{t("fields.onlineUrl")}</dt>
              <dd>
                <a href={fair.onlineUrl} rel="noopener noreferrer">
                  {fair.onlineUrl}
                </a>
              </dd>
            </>
          ) : null}
          {fair.partnerSchool ? (
            <>
              <dt>{t("fields.partnerSchool")}</dt>
              <dd>{fair.partnerSchool}</dd>
            </>
          ) : null}
          <dt>{t("fields.booths")}</dt>
          <dd>{t("list.boothsTaken", { taken: booths.length, capacity: fair.boothCapacity })}</dd>
          <dt>{t("fields.window")}</dt>
          <dd>
            {fair.registrationOpens} – {fair.registrationCloses} <Badge tone={window === "open" ? "success" : "neutral"}>{t(`window.${window}`)}</Badge>
          </dd>
        </dl>
        {fair.description ? <p className="fair-description">{fair.description}</p> : null}
        <p>
          <Link to={`/jobs?fair=${fair.id}`}>{t("detail.postings")}</Link>
        </p>
      </section>

      {staff ? (
        <section className="card">
          <h2>{t("detail.staffTitle")}</h2>
          <p>
            {t("detail.staffSummary", {
              requested: staff.counts.requested ?? 0,
              approved: staff.counts.approved ?? 0,
              registered: staff.visitors.registered,
              checkedIn: staff.visitors.checkedIn,
            })}
          </p>
          <div className="form-actions">
            {fair.status === "draft" ? (
              <ConfirmAction label={t("detail.publish")} question={t("detail.publishQuestion")} confirmLabel={t("detail.publishConfirm")} intent="publish" />
            ) : null}
            {fair.status !== "cancelled" ? (
              <ConfirmAction label={t("detail.cancel")} question={t("detail.cancelQuestion")} confirmLabel={t("detail.cancelConfirm")} intent="cancel" danger />
            ) : null}
          </div>
        </section>
      ) : null}

      {may.preRegister || !signedIn ? (
        <section className="card" id="my-registration">
          <h2>{t("seeker.title")}</h2>
          {!signedIn ? (
            <p>
              {t("seeker.signInFirst")} <Link to={`/login?next=/fairs/${fair.id}`}>{t("seeker.signIn")}</Link> ·{" "}
              <Link to={`/register?next=/fairs/${fair.id}`}>{t("seeker.register")}</Link>
            </p>
          ) : registration ? (
            <div className="fair-ticket">
              <img src={registration.qr} alt={t("seeker.qrAlt", { code: registration.code })} width={240} height={240} className="fair-ticket__qr" />
              <div>
                <p>{t("seeker.registeredAs", { name: registration.fullName })}</p>
                <p className="fair-ticket__code" aria-label={t("seeker.code")}>
                  {registration.code}
                </p>
                <p className="muted">{t("seeker.showAtEntrance")}</p>
                {registration.checkedInAt ? <Badge tone="success">{t("seeker.checkedIn")}</Badge> : <Badge tone="info">{t("seeker.notYetCheckedIn")}</Badge>}
              </div>
            </div>
          ) : preRegistration.ok ? (
            <PreRegisterForm defaults={seeker} actionData={actionData?.intent === "preRegister" ? actionData : undefined} />
          ) : (
            <Alert tone="info">{t(`errors.${preRegistration.error}`)}</Alert>
          )}
        </section>
      ) : null}

      {mine ? (
        <BoothSection mine={mine} window={window} fairStatus={fair.status} actionData={actionData?.intent === "requestBooth" ? actionData : undefined} />
      ) : null}

      <section className="card">
        <h2>{t("detail.exhibitors", { count: booths.length })}</h2>
        {booths.length === 0 ? (
          <EmptyState title={t("detail.noExhibitors")} />
        ) : (
          <ul className="booth-list">
            {booths.map((b) => (
              <li key={b.enterpriseId}>
                <span className="booth-list__number">{t("booth.number", { number: b.boothNumber })}</span> {b.enterpriseName}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function PreRegisterForm({ defaults, actionData }: { defaults: { fullName: string; phone: string } | null; actionData?: ActionData }) {
  const { t } = useTranslation("fairs");
  const navigation = useNavigation();
  const values = (actionData?.values ?? defaults ?? {}) as Record<string, string>;
  const { register, onSubmit, errorOf } = useFormFor(preRegisterSchema, actionData?.errors, values);
  return (
    <>
      <p>{t("seeker.lead")}</p>
      <FormErrors errors={actionData?.errors} />
      <Form method="post" className="form" onSubmit={onSubmit} noValidate>
        <TextField label={t("seeker.fullName")} {...register("fullName")} required maxLength={60} autoComplete="name" error={errorOf("fullName")} />
        <TextField label={t("seeker.phone")} type="tel" {...register("phone")} required maxLength={20} autoComplete="tel" error={errorOf("phone")} />
        <TextField label={t("seeker.school")} {...register("school")} maxLength={120} error={errorOf("school")} />
        <div className="form-actions">
          <button type="submit" name="intent" value="preRegister" className="btn" disabled={navigation.state === "submitting"}>
            {t("seeker.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}

function BoothSection({
  mine,
  window,
  fairStatus,
  actionData,
}: {
  mine: {
    booths: {
      id: number;
      enterpriseId: number;
      enterpriseName: string;
      status: "requested" | "approved" | "rejected" | "withdrawn";
      boothNumber: number | null;
      decisionReason: string | null;
    }[];
    enterprises: { id: number; name: string }[];
  };
  window: string;
  fairStatus: string;
  actionData?: ActionData;
}) {
  const { t } = useTranslation("fairs");
  const navigation = useNavigation();
  const standing = new Set(mine.booths.filter((b) => b.status !== "withdrawn").map((b) => b.enterpriseId));
  const free = mine.enterprises.filter((e) => !standing.has(e.id));
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <section className="card" id="my-booth">
      <h2>{t("booth.title")}</h2>
      {mine.booths.length > 0 ? (
        <ul className="booth-mine">
          {mine.booths.map((b) => (
            <li key={b.id}>
              <strong>{b.enterpriseName}</strong> <BoothStatusBadge status={b.status} />{" "}
              {b.status === "approved" ? t("booth.number", { number: b.boothNumber }) : null}
              {b.status === "rejected" && b.decisionReason ? <span className="muted"> · {t("booth.reason", { reason: b.decisionReason })}</span> : null}
              {b.status === "requested" ? (
                <>
                  <span className="muted"> · {t("booth.nextStep")}</span>
                  <ConfirmAction
                    label={t("booth.withdraw")}
                    question={t("booth.withdrawQuestion")}
                    confirmLabel={t("booth.withdrawConfirm")}
                    intent="withdrawBooth"
                  >
                    <input type="hidden" name="boothId" value={b.id} />
                  </ConfirmAction>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {mine.enterprises.length === 0 ? (
        <Alert tone="info">{t("booth.noEnterprise")}</Alert>
      ) : fairStatus !== "published" ? (
        <Alert tone="info">{t("errors.fairNotPublished")}</Alert>
      ) : window !== "open" ? (
        <Alert tone="info">{t(window === "closed" ? "errors.windowClosed" : "errors.windowNotYetOpen")}</Alert>
      ) : free.length === 0 ? null : (
        <>
          <FormErrors errors={actionData?.errors} />
          <Form method="post" className="form">
            <SelectField
              label={t("booth.enterprise")}
              name="enterpriseId"
              defaultValue={values.enterpriseId ?? String(free[0].id)}
              options={free.map((e) => ({ value: String(e.id), label: e.name }))}
              required
            />
            <TextAreaField label={t("booth.note")} name="note" defaultValue={values.note ?? ""} maxLength={500} hint={t("booth.noteHint")} />
            <div className="form-actions">
              <button type="submit" name="intent" value="requestBooth" className="btn" disabled={navigation.state === "submitting"}>
                {t("booth.request")}
              </button>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}
