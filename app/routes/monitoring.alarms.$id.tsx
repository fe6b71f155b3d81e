import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextAreaField } from "../components/fields";
import { Alert, Badge, PageHeader } from "../components/ui";
import { formatDateTime } from "../lib/format";
import { redirectWithFlash } from "../lib/flash.server";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { parseMessage } from "../lib/messages";
import { isStaff } from "../lib/permissions";
import { receiveUploads, discardUploads } from "../lib/uploads.server";
import { useRootData } from "../root";
import { ALARM_PHOTO_FIELD, ALARM_PHOTO_MAX_BYTES, alarmPhotoKinds, confirmCleared, getAlarm, reportCleared } from "../modules/monitoring/buildings.server";
import { confirmSchema, parseForm } from "../modules/monitoring/forms.server";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("monitoringAlarm", (d) => ({ name: d.alarm.noticeNo }));

function idOf(raw: string | undefined): number {
  if (!/^\d{1,9}$/.test(raw ?? "")) notFound();
  return Number(raw);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "monitoring.alarm");
  const found = await getAlarm(actor, idOf(params.id));
  if (!found) notFound();
  return { ...found, staff: isStaff(actor), tenantUser: actor.role === "member" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idOf(params.id);
  const multipart = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  if (multipart) {
    // The tenant's photo of the cleared passage: checked (kind from the bytes, size) and kept with the alarm.
    const actor = await requireSignedIn(request, "monitoring.alarmReport");
    if (!(await getAlarm(actor, id))) notFound();
    const received = await receiveUploads(request, { field: ALARM_PHOTO_FIELD, maxFiles: 1, maxFileBytes: ALARM_PHOTO_MAX_BYTES, allowed: alarmPhotoKinds });
    if (!received.ok)
      return data(
        {
          intent: "report",
          error: received.error === "tooLarge" || received.error === "typeNotAllowed" ? "monitoring:errors.photoType" : `uploads:errors.${received.error}`,
        },
        { status: received.status },
      );
    if (received.fields.get("intent") !== "report") {
      await discardUploads(received.files);
      return data({ intent: "report", error: "forms.invalid" }, { status: 400 });
    }
    const r = await reportCleared(actor, id, received.files);
    if (!r.ok) {
      await discardUploads(received.files);
      if (r.error === "notFound") notFound();
      return data({ intent: "report", error: r.error }, { status: r.error === "monitoring:errors.photoRequired" ? 400 : 409 });
    }
    throw redirectWithFlash(`/monitoring/alarms/${id}`, "monitoring:flash.alarmReported", request);
  }
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "report") {
    const actor = await requireSignedIn(request, "monitoring.alarmReport");
    if (!(await getAlarm(actor, id))) notFound();
    return data({ intent, error: "monitoring:errors.photoRequired" }, { status: 400 });
  }
  if (intent === "confirm") {
    const actor = await requireSignedIn(request, "monitoring.alarmConfirm");
    const parsed = parseForm(confirmSchema, form);
    if (!parsed.ok) return data({ intent, error: Object.values(parsed.errors)[0] ?? "forms.invalid" }, { status: 400 });
    const r = await confirmCleared(actor, id, parsed.data.note);
    if (!r.ok) {
      if (r.error === "notFound") notFound();
      return data({ intent, error: r.error }, { status: 409 });
    }
    throw redirectWithFlash(`/monitoring/alarms/${id}`, "monitoring:flash.alarmClosed", request);
  }
  await requireSignedIn(request, "monitoring.alarm");
  return data({ intent: null, error: "forms.invalid" }, { status: 400 });
}

function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="btn btn--ghost btn--small no-print" data-print-button>
      {label}
    </button>
  );
}

export default function AlarmPage() {
  const { t } = useTranslation("monitoring");
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "zh-CN";
  const alarm = d.alarm;
  const open = alarm.status === "open";
  return (
    <>
      <PageHeader
        title={t("alarm.title", { notice: alarm.noticeNo })}
        lead={`${d.buildingName} · ${t("buildings.floor", { floor: alarm.floor })} · ${d.passageName}`}
        actions={
          <>
            <PrintButton label={t("alarm.print")} />
            {d.staff ? (
              <Link to="/monitoring/alarms" className="btn btn--ghost btn--small no-print">
                {t("alarm.back")}
              </Link>
            ) : null}
          </>
        }
      />
      {a?.error ? <Alert tone="error">{t(...parseMessage(a.error.startsWith("forms.") ? `common:${a.error}` : a.error))}</Alert> : null}
      <article className="notice" aria-labelledby="notice-heading">
        <h2 id="notice-heading">{t("alarm.heading")}</h2>
        <p>
          <strong>{t("alarm.number")}:</strong> <span className="mono">{alarm.noticeNo}</span>
        </p>
        <p>
          <strong>{t("alarm.tenant")}:</strong> {d.tenant ?? t("alarm.noTenant")}
        </p>
        <p>
          {t("alarm.body", {
            building: d.buildingName,
            address: d.buildingAddress,
            floor: alarm.floor,
            passage: d.passageName,
            at: formatDateTime(alarm.raisedAt, lng),
          })}
        </p>
        <p>
          <strong>{t("alarm.status")}:</strong> <Badge tone={open ? "danger" : "success"}>{t(`alarms.statusOf.${alarm.status}`)}</Badge>
          {alarm.clearedAt ? (
            <>
              {" "}
              · {t("alarm.clearedAt")}: {formatDateTime(alarm.clearedAt, lng)} · {t("alarm.clearedBy")}:{" "}
              {t(`alarm.clearedByOf.${alarm.clearedBy ?? "staff"}`, { name: d.clearedByName ?? "" })}
            </>
          ) : null}
        </p>
        {alarm.clearNote ? (
          <p>
            <strong>{t("alarm.clearNote")}:</strong> {alarm.clearNote}
          </p>
        ) : null}
      </article>
      {open && alarm.tenantReportedAt ? <Alert tone="info">{t("alarm.reported", { at: formatDateTime(alarm.tenantReportedAt, lng) })}</Alert> : null}
      {d.staff && d.tenantAlarms > 1 ? <p className="muted">{t("alarm.repeat", { count: d.tenantAlarms })}</p> : null}
      <div className="grid-2">
        <section className="card" aria-labelledby="camera">
          <h2 id="camera">{t("alarm.cameraPhoto")}</h2>
          {d.camera.length === 0 ? (
            <p className="muted">{t("alarm.noPhotos")}</p>
          ) : (
            d.camera.map((f) => <img key={f.id} className="alarm-photo" src={`/monitoring/alarms/${alarm.id}/photos/${f.id}`} alt={t("alarm.cameraPhoto")} />)
          )}
        </section>
        <section className="card" aria-labelledby="tenant-photos">
          <h2 id="tenant-photos">{t("alarm.tenantPhotos")}</h2>
          {d.tenantPhotos.length === 0 ? (
            <p className="muted">{t("alarm.noPhotos")}</p>
          ) : (
            d.tenantPhotos.map((f) => (
              <img
                key={f.id}
                className="alarm-photo"
                src={`/monitoring/alarms/${alarm.id}/photos/${f.id}`}
                alt={`${t("alarm.tenantPhotos")}: ${f.originalName}`}
              />
            ))
          )}
        </section>
      </div>
      {open && d.tenantUser ? (
        <section className="card no-print" aria-labelledby="report">
          <h2 id="report">{t("alarm.reportTitle")}</h2>
          <p>{t("alarm.reportLead")}</p>
          <Form method="post" encType="multipart/form-data" className="form">
            <div className="field">
              <label htmlFor="photo" className="is-required">
                {t("alarm.photo")}
              </label>
              <input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" required />
            </div>
            <div className="form-actions">
              <button type="submit" name="intent" value="report" className="btn" disabled={navigation.state === "submitting"}>
                {t("alarm.report")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      {open && d.staff ? (
        <section className="card no-print" aria-labelledby="confirm">
          <h2 id="confirm">{t("alarm.confirmTitle")}</h2>
          <Form method="post" className="form">
            <TextAreaField label={t("alarm.note")} name="note" rows={2} maxLength={1000} />
            <div className="form-actions">
              <button type="submit" name="intent" value="confirm" className="btn" disabled={navigation.state === "submitting"}>
                {t("alarm.confirm")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}
