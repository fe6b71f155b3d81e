import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDate, formatMoney } from "../lib/format";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { clientIp } from "../lib/request.server";
import { getCase } from "../modules/disputes/disputes.server";
import { idParam } from "../lib/ids";
import { PrintFrame, useDocumentText } from "../components/disputes/print";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("disputesReferral", (d) => ({ name: d.c.code }));

/** The referral letter to the court (诉调对接) of a case referred: for those who may see the case. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "disputes.view");
  const found = await getCase(actor, idParam(params), { ip: clientIp(request) });
  if (!found || found.case.referredAt === null) notFound();
  const { case: c, applicant, station, evidence, sessions } = found;
  const staffName = found.events.find((e) => e.kind === "referred")?.actorName ?? "";
  return { c, applicant, station, evidenceCount: evidence.length, minutesCount: sessions.filter((s) => s.minutes).length, staffName };
}

export default function ReferralLetter() {
  const { c, applicant, station, evidenceCount, minutesCount, staffName } = useLoaderData<typeof loader>();
  const z = useDocumentText();
  const reason = c.status === "referred" && c.failReason === null ? z("print.referralReasonDeclined") : (c.failReason ?? z("print.referralReasonDeclined"));
  return (
    <PrintFrame caseId={c.id}>
      <h1>{z("print.referralTitle")}</h1>
      <div className="print-code">{z("print.code", { code: c.code })}</div>
      <p className="print-party">{z("print.referralTo", { court: c.referralCourt ?? station.courtZh })}</p>
      <p>
        {z("print.referralBody", {
          applicant: applicant.name,
          respondent: c.respondentName,
          type: z(`type.${c.type}`),
          amount: formatMoney(c.amountFen, "zh-CN"),
          station: station.nameZh,
          filed: formatDate(c.acceptedAt ?? c.filedAt, "zh-CN"),
          reason: reason.replace(/[。.]$/, ""),
          interpolation: { escapeValue: false },
        })}
      </p>
      <p>{z("print.referralAttachments", { count: evidenceCount, sessions: minutesCount })}</p>
      <section className="print-signatures">
        <p>{z("print.referralContact", { name: staffName })}</p>
        <p className="print-right">
          {z("print.stationSeal", { station: station.nameZh })}
          <br />
          {formatDate(c.referralDate, "zh-CN")}
        </p>
      </section>
    </PrintFrame>
  );
}
