import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDate, formatMoney } from "../lib/format";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { clientIp } from "../lib/request.server";
import { getCase } from "../modules/disputes/disputes.server";
import { idParam } from "../lib/ids";
import { PrintFrame, useDocumentText } from "../components/disputes/print";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("disputesAgreement", (d) => ({ name: d.c.code }));

/** The mediation agreement, from the template with the agreed terms: for those who may see the case. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "disputes.view");
  const found = await getCase(actor, idParam(params), { ip: clientIp(request) });
  if (!found || found.case.agreementTerms === null) notFound();
  const { case: c, applicant, respondent, station, mediator } = found;
  return { c, applicant, respondent, station, mediator };
}

export default function AgreementDocument() {
  const { c, applicant, respondent, station, mediator } = useLoaderData<typeof loader>();
  const z = useDocumentText();
  const date = (d: Date | string | null) => (d ? formatDate(d, "zh-CN") : "");
  const settled = Boolean(c.applicantConfirmedAt && c.respondentConfirmedAt);
  return (
    <PrintFrame caseId={c.id}>
      {!settled ? <p className="print-watermark">{z("print.draftWatermark")}</p> : null}
      <h1>{z("print.agreementTitle")}</h1>
      <div className="print-code">{z("print.code", { code: c.code })}</div>
      <section className="print-party">
        <p>
          <strong>{z("print.applicant")}：</strong>
          {applicant.name}
          <br />
          {z("print.creditCode")}：{applicant.creditCode}　{z("print.legalRep")}：{applicant.legalRep}
          <br />
          {z("print.address")}：{applicant.address}　{z("print.contact")}：{applicant.phone}
        </p>
        <p>
          <strong>{z("print.respondent")}：</strong>
          {c.respondentName}
          <br />
          {respondent ? (
            <>
              {z("print.creditCode")}：{respondent.creditCode}　{z("print.legalRep")}：{respondent.legalRep}
              <br />
              {z("print.address")}：{respondent.address}　{z("print.contact")}：{respondent.phone}
            </>
          ) : (
            <>
              {c.respondentCreditCode ? `${z("print.creditCode")}：${c.respondentCreditCode}　` : ""}
              {z("print.contact")}：{c.respondentContact ?? ""}
            </>
          )}
        </p>
      </section>
      <h2>{z("print.dispute")}</h2>
      <p>
        {z("print.disputeText", {
          type: z(`type.${c.type}`),
          amount: formatMoney(c.amountFen, "zh-CN"),
          filed: date(c.filedAt),
          station: station.nameZh,
          interpolation: { escapeValue: false },
        })}
      </p>
      <h2>{z("print.facts")}</h2>
      <p>{c.facts}</p>
      <h2>{z("print.terms")}</h2>
      <p>{c.agreementTerms}</p>
      <p>{z("print.amount", { amount: formatMoney(c.agreementAmountFen, "zh-CN") })}</p>
      <p>{z("print.effect")}</p>
      <p>{z("print.copies")}</p>
      <section className="print-signatures">
        <p>
          {z("print.applicant")} {z("print.signature")}
          <br />
          {c.applicantConfirmedAt ? z("print.confirmedOn", { date: date(c.applicantConfirmedAt) }) : z("print.notConfirmed")}
        </p>
        <p>
          {z("print.respondent")} {z("print.signature")}
          <br />
          {c.respondentConfirmedAt ? z("print.confirmedOn", { date: date(c.respondentConfirmedAt) }) : z("print.notConfirmed")}
        </p>
        <p>{z("print.mediator", { name: mediator?.name ?? "" })}</p>
        <p className="print-right">
          {z("print.stationSeal", { station: station.nameZh })}
          <br />
          {date(c.settledAt ?? c.agreementDraftedAt)}
        </p>
      </section>
    </PrintFrame>
  );
}
