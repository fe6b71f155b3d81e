import { DataTable, type Column } from "../components/data-table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useNonce } from "../components/nonce";
import { TextField } from "../components/fields";
import { Alert, Badge, PageHeader } from "../components/ui";
import { badRequest, notFound, requireSignedIn } from "../lib/guard.server";
import { formatDateTime } from "../lib/format";
import { clientIp } from "../lib/request.server";
import { useRootData } from "../root";
import { displayCheckInCode } from "../modules/fairs/checkin-code";
import { checkIn, checkInCounts, getFairFor, OVERRIDE_REASON_MAX, searchRegistrations, type CheckInResult } from "../modules/fairs/fairs.server";
import { idParam, parseId } from "../lib/ids";
import { pageScriptUrl } from "../lib/page-scripts.server";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("fairsIdCheckIn", (d) => ({ name: d.fair.title }));

async function fairFor(request: Request, params: { id?: string }) {
  const actor = await requireSignedIn(request, "fairs.checkIn");
  const fair = await getFairFor(actor, idParam(params));
  if (!fair) notFound();
  return { actor, fair };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { fair } = await fairFor(request, params);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 60);
  const matches = q ? await searchRegistrations(fair.id, q) : [];
  return {
    fair: { id: fair.id, title: fair.title, fairDate: fair.fairDate },
    counts: await checkInCounts(fair.id),
    scanner: pageScriptUrl("checkin-scanner"),
    q,
    matches: matches.map((m) => ({
      id: m.id,
      fullName: m.fullName,
      phone: m.phone,
      school: m.school,
      code: displayCheckInCode(m.code),
      checkedInAt: m.checkedInAt,
    })),
  };
}

/** What the page shows after a check-in attempt (never the raw registration row). */
function outcomeOf(result: CheckInResult) {
  if (result.ok) return { ok: true as const, key: "checkedIn", name: result.registration.fullName, at: result.registration.checkedInAt };
  if (result.error === "alreadyCheckedIn")
    return { ok: false as const, key: "alreadyCheckedIn", name: result.registration.fullName, at: result.registration.checkedInAt };
  if (result.error === "otherFair") return { ok: false as const, key: "otherFair", otherFair: result.otherFair };
  if (result.error === "beforeFairDay" || result.error === "afterFairDay")
    return { ok: false as const, key: result.error, name: result.registration.fullName, fairDate: result.fairDate, registrationId: result.registration.id };
  return { ok: false as const, key: result.error };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, fair } = await fairFor(request, params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  let result: CheckInResult;
  if (intent === "code") {
    result = await checkIn(actor, fair.id, { code: String(formData.get("code") ?? "").slice(0, 80) }, clientIp(request));
  } else if (intent === "registration" || intent === "override") {
    const id = parseId(formData.get("registrationId"));
    if (id === null) badRequest();
    // An override names its reason; an empty one is refused by the module (overrideReasonRequired).
    const overrideReason = intent === "override" ? String(formData.get("reason") ?? "").slice(0, OVERRIDE_REASON_MAX) : undefined;
    result = await checkIn(actor, fair.id, { registrationId: id }, clientIp(request), { overrideReason });
    if (!result.ok && result.error === "notFound") notFound();
  } else {
    badRequest();
  }
  const outcome = outcomeOf(result);
  const conflict = ["alreadyCheckedIn", "otherFair", "beforeFairDay", "afterFairDay"];
  const status = outcome.ok ? 200 : conflict.includes(outcome.key) ? 409 : 400;
  return data({ outcome }, { status });
}

export default function CheckInPage() {
  const { t } = useTranslation("fairs");
  const lng = useRootData()?.lng ?? "zh-CN";
  const { fair, counts, scanner, q, matches } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const nonce = useNonce();
  const outcome = actionData?.outcome;
  const matchColumns: Column<(typeof matches)[number]>[] = [
    { key: "name", header: t("seeker.fullName"), cell: (m) => m.fullName },
    { key: "phone", header: t("seeker.phone"), cell: (m) => m.phone },
    { key: "school", header: t("checkIn.school"), cell: (m) => m.school ?? "—" },
    { key: "code", header: t("seeker.code"), className: "mono", cell: (m) => m.code },
    {
      key: "actions",
      header: t("booths.actions"),
      cell: (m) =>
        m.checkedInAt ? (
          <Badge tone="success">{t("checkIn.checkedInAt", { time: formatDateTime(m.checkedInAt, lng) })}</Badge>
        ) : (
          <Form method="post">
            <input type="hidden" name="registrationId" value={m.id} />
            <button type="submit" name="intent" value="registration" className="btn btn--small">
              {t("checkIn.checkInPerson", { name: m.fullName })}
            </button>
          </Form>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("checkIn.title")}
        lead={`${fair.title} · ${fair.fairDate}`}
        actions={
          <Link className="btn btn--ghost btn--small" to={`/fairs/${fair.id}`}>
            {t("booths.backToFair")}
          </Link>
        }
      />
      {/* The parts the scanner module (app/browser/checkin-scanner.ts) replaces after a code it sent. */}
      <p className="checkin-counter" aria-live="polite" data-checkin-part="counter">
        {t("checkIn.counter", { checkedIn: counts.checkedIn, registered: counts.registered })}
      </p>
      <div role="status" data-checkin-part="outcome">
        {outcome ? (
          <div className={`checkin-result checkin-result--${outcome.ok ? "ok" : "refused"}`} role={outcome.ok ? undefined : "alert"}>
            <strong>
              {t(`checkIn.outcome.${outcome.key}`, {
                name: "name" in outcome ? outcome.name : "",
                time: "at" in outcome && outcome.at ? formatDateTime(outcome.at, lng) : "",
                fair: "otherFair" in outcome && outcome.otherFair ? `${outcome.otherFair.title}（${outcome.otherFair.fairDate}）` : "",
                date: "fairDate" in outcome ? outcome.fairDate : "",
              })}
            </strong>
            {"registrationId" in outcome && outcome.registrationId ? (
              // Staff may still check the visitor in, with a reason kept on the record and counted apart in the report.
              <Form method="post" className="form checkin-override">
                <input type="hidden" name="registrationId" value={outcome.registrationId} />
                <TextField label={t("checkIn.overrideReason")} name="reason" required maxLength={OVERRIDE_REASON_MAX} hint={t("checkIn.overrideHint")} />
                <div className="form-actions">
                  <button type="submit" name="intent" value="override" className="btn btn--ghost">
                    {t("checkIn.override", { name: outcome.name })}
                  </button>
                </div>
              </Form>
            ) : null}
          </div>
        ) : null}
      </div>
      <section className="card">
        <h2>{t("checkIn.byCode")}</h2>
        <Form method="post" className="form checkin-form" autoComplete="off" data-checkin-code>
          <TextField
            label={t("checkIn.code")}
            name="code"
            required
            maxLength={80}
            autoCapitalize="characters"
            spellCheck={false}
            hint={t("checkIn.codeHint")}
            className="checkin-code-field"
          />
          <div className="form-actions">
            <button type="submit" name="intent" value="code" className="btn">
              {t("checkIn.submit")}
            </button>
          </div>
        </Form>
        {/* Shown by the scanner module once it knows what the browser's camera can do. */}
        <div
          className="qr-scanner"
          hidden
          data-qr-scanner
          data-start={t("checkIn.startCamera")}
          data-stop={t("checkIn.stopCamera")}
          data-denied={t("checkIn.cameraDenied")}
          data-failed={t("checkIn.cameraFailed")}
          data-unsupported={t("checkIn.cameraUnsupported")}
        >
          <button type="button" className="btn btn--ghost" data-qr-toggle>
            {t("checkIn.startCamera")}
          </button>
          <p className="field__error" data-qr-problem hidden />
          <video className="qr-scanner__video" muted playsInline hidden aria-label={t("checkIn.cameraView")} />
        </div>
        <script type="module" src={scanner} nonce={nonce} />
      </section>
      <section className="card">
        <h2>{t("checkIn.search")}</h2>
        <Form method="get" className="filters">
          <TextField label={t("checkIn.searchLabel")} name="q" defaultValue={q} maxLength={60} className="field--search" />
          <button type="submit" className="btn btn--ghost">
            {t("common:forms.search")}
          </button>
        </Form>
        {q ? (
          <DataTable
            label={t("checkIn.search")}
            columns={matchColumns}
            rows={matches}
            empty={{ title: t("checkIn.noMatch"), body: t("checkIn.noMatchBody") }}
          />
        ) : null}
        {!q ? <Alert tone="info">{t("checkIn.searchHint")}</Alert> : null}
      </section>
    </>
  );
}
