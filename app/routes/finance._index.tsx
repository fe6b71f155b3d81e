import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextField } from "../components/fields";
import { EmptyState, PageHeader } from "../components/ui";
import { formatDate, formatMoney } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { can } from "../lib/permissions";
import { clientIp } from "../lib/request.server";
import { useRootData } from "../root";
import { creditLineSchema, creditLineUpdateSchema } from "../modules/finance/forms";
import { intent, runIntent } from "../lib/intents.server";
import { createCreditLine, financeDashboard, listAssociations, listBanks, updateCreditLine } from "../modules/finance/finance.server";
import { asCommand } from "../modules/finance/route-helpers.server";
import { ApplicationStatusBadge, FlagBadge, IntentForm, NeedStatusBadge, rate } from "../components/finance/ui";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("finance");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.view");
  const dashboard = await financeDashboard(actor);
  const manageLines = can(actor, "finance.manageCreditLines");
  return {
    dashboard,
    manageLines,
    canPost: can(actor, "finance.postNeed"),
    canImport: can(actor, "finance.importNeeds"),
    canRenewals: can(actor, "finance.renewals"),
    banks: manageLines ? await listBanks() : [],
    associations: manageLines ? await listAssociations() : [],
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireSignedIn(request, "finance.manageCreditLines");
  const formData = await request.formData();
  const opts = { ip: clientIp(request) };
  const intents = {
    createLine: intent("finance.manageCreditLines", creditLineSchema, (actor, input) => asCommand(createCreditLine(actor, input, opts))),
    updateLine: intent("finance.manageCreditLines", creditLineUpdateSchema, (actor, { lineId, ...input }) =>
      asCommand(updateCreditLine(actor, lineId, input, opts)),
    ),
  };
  return runIntent(request, formData, intents, {
    unknownAbility: "finance.manageCreditLines",
    success: () => "/finance",
    flash: ({ intent }) => (intent === "createLine" ? "finance:flash.lineCreated" : "finance:flash.lineUpdated"),
  });
}

function Stat({ value, label, to }: { value: string | number; label: string; to?: string }) {
  return (
    <div className="stat">
      <div className="stat__value">{to ? <Link to={to}>{value}</Link> : value}</div>
      <div className="stat__label">{label}</div>
    </div>
  );
}

export default function FinanceDashboard() {
  const { t } = useTranslation("finance");
  const { dashboard: d, manageLines, canPost, canImport, canRenewals, banks, associations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const name = (zh: string, en: string) => (lng === "zh-CN" ? zh : en);
  const createErrors = actionData?.intent === "createLine" ? actionData.errors : undefined;
  // A refused change keeps its form open, with the reason in it.
  const editFailed = (lineId: number) =>
    actionData?.intent === "updateLine" && String((actionData.values as Record<string, unknown> | undefined)?.lineId) === String(lineId);
  return (
    <>
      <PageHeader
        title={t("dashboard.title")}
        lead={t(`dashboard.lead.${d.role}`)}
        actions={
          <>
            {canPost ? (
              <Link to="/finance/needs/new" className="btn">
                {t("needs.post")}
              </Link>
            ) : null}
            <Link to="/finance/products" className="btn btn--ghost">
              {t("nav.products")}
            </Link>
            <Link to="/finance/needs" className="btn btn--ghost">
              {t("nav.needs")}
            </Link>
            <Link to="/finance/applications" className="btn btn--ghost">
              {t("nav.applications")}
            </Link>
            {canRenewals ? (
              <Link to="/finance/renewals" className="btn btn--ghost">
                {t("nav.renewals")}
              </Link>
            ) : null}
            {canImport ? (
              <Link to="/finance/needs/import" className="btn btn--ghost">
                {t("import.title")}
              </Link>
            ) : null}
          </>
        }
      />
      {d.role === "member" ? (
        <>
          <section className="card">
            <h2>{t("dashboard.myNeeds", { count: d.needCount })}</h2>
            {d.needs.length === 0 ? (
              <EmptyState title={t("needs.empty")}>{t("needs.emptyMember")}</EmptyState>
            ) : (
              <ul className="finance-list">
                {d.needs.map((n) => (
                  <li key={n.id}>
                    <Link to={`/finance/needs/${n.id}`}>{t("needs.label", { id: n.id })}</Link> · {formatMoney(n.amountFen, lng)} · {t(`purpose.${n.purpose}`)}{" "}
                    <NeedStatusBadge status={n.status} /> <FlagBadge flag={n.flag} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card">
            <h2>{t("dashboard.myApplications", { count: d.applicationCount })}</h2>
            {d.applications.length === 0 ? (
              <EmptyState title={t("applications.empty")}>{t("applications.emptyMember")}</EmptyState>
            ) : (
              <ul className="finance-list">
                {d.applications.map((a) => (
                  <li key={a.id}>
                    <Link to={`/finance/applications/${a.id}`}>{t("applications.label", { id: a.id })}</Link> · {a.productName} · {name(a.bankZh, a.bankEn)} ·{" "}
                    {formatMoney(a.amountFen, lng)} <ApplicationStatusBadge status={a.status} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card">
            <h2>{t("dashboard.myLoans")}</h2>
            {d.loans.length === 0 ? (
              <EmptyState title={t("loans.empty")} />
            ) : (
              <div className="table-wrap" role="region" aria-label={t("dashboard.myLoans")} tabIndex={0}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("loans.bank")}</th>
                      <th scope="col">{t("loans.amount")}</th>
                      <th scope="col">{t("loans.rate")}</th>
                      <th scope="col">{t("loans.maturesOn")}</th>
                      <th scope="col">{t("loans.status")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.loans.map((l) => (
                      <tr key={l.loan.id}>
                        <td>{name(l.bankZh, l.bankEn)}</td>
                        <td>{formatMoney(l.loan.amountFen, lng)}</td>
                        <td>{rate(l.loan.rateBp)}</td>
                        <td>{formatDate(l.loan.maturesOn, lng)}</td>
                        <td>{t(`loanStatus.${l.loan.status}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : d.role === "bank" ? (
        <>
          <h2>{d.bank ? name(d.bank.nameZh, d.bank.nameEn) : ""}</h2>
          <div className="grid tickets-stats">
            <Stat value={d.figures.matched_open} label={t("dashboard.matchedOpen")} to="/finance/needs?status=open" />
            <Stat value={d.figures.claimed_waiting} label={t("dashboard.claimedWaiting")} to="/finance/needs?status=claimed&mine=1" />
            <Stat value={d.figures.late} label={t("dashboard.late")} to="/finance/needs?flagged=1" />
            <Stat value={d.figures.in_review} label={t("dashboard.inReview")} to="/finance/applications" />
            <Stat value={d.figures.maturing} label={t("dashboard.maturing")} to="/finance/renewals" />
            <Stat value={d.figures.products} label={t("dashboard.products")} to="/finance/products" />
          </div>
        </>
      ) : (
        <>
          <div className="grid tickets-stats">
            <Stat value={d.figures.enterprises} label={t("dashboard.portfolio")} />
            <Stat value={d.figures.open_needs} label={t("dashboard.openNeeds")} to="/finance/needs?mine=1" />
            <Stat value={d.figures.flagged_needs} label={t("dashboard.flaggedNeeds")} to="/finance/needs?mine=1&flagged=1" />
            <Stat value={d.figures.renewals_due} label={t("dashboard.renewalsDue")} to="/finance/renewals" />
            <Stat value={d.figures.renewals_flagged} label={t("dashboard.renewalsFlagged")} to="/finance/renewals?flagged=1" />
          </div>
          <section className="card">
            <h2>{t("dashboard.flaggedTitle")}</h2>
            {d.flaggedNeeds.length === 0 ? (
              <EmptyState title={t("dashboard.noFlags")} />
            ) : (
              <ul className="finance-list">
                {d.flaggedNeeds.map((n) => (
                  <li key={n.id}>
                    <Link to={`/finance/needs/${n.id}`}>{t("needs.label", { id: n.id })}</Link> · {n.enterpriseName} · {formatMoney(n.amountFen, lng)}{" "}
                    <FlagBadge flag={n.flag} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      <section className="card">
        <h2>{t("lines.title")}</h2>
        {d.lines.length === 0 ? (
          <EmptyState title={t("lines.empty")} />
        ) : (
          <div className="table-wrap" role="region" aria-label={t("lines.title")} tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("lines.bank")}</th>
                  <th scope="col">{t("lines.association")}</th>
                  <th scope="col">{t("lines.amount")}</th>
                  <th scope="col">{t("lines.drawn")}</th>
                  <th scope="col">{t("lines.left")}</th>
                  <th scope="col">{t("lines.period")}</th>
                  {manageLines ? <th scope="col">{t("lines.change")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.lines.map((l) => (
                  <tr key={l.line.id} data-line={l.line.id}>
                    <td>{name(l.bankZh, l.bankEn)}</td>
                    <td>{name(l.associationZh, l.associationEn)}</td>
                    <td>{formatMoney(l.line.amountFen, lng)}</td>
                    <td>{formatMoney(l.line.drawnFen, lng)}</td>
                    <td>{formatMoney(l.line.amountFen - l.line.drawnFen, lng)}</td>
                    <td>
                      {formatDate(l.line.grantedOn, lng)} – {l.line.expiresOn ? formatDate(l.line.expiresOn, lng) : t("rules.openEnded")}
                    </td>
                    {manageLines ? (
                      <td>
                        <details className="line-edit" open={editFailed(l.line.id)}>
                          <summary className="btn btn--ghost btn--small">{t("lines.edit")}</summary>
                          <Form method="post" className="form" aria-label={t("lines.editTitle", { bank: name(l.bankZh, l.bankEn) })}>
                            {editFailed(l.line.id) ? <FormErrors errors={actionData?.errors} /> : null}
                            <input type="hidden" name="lineId" value={l.line.id} />
                            <TextField
                              label={t("lines.amountWan")}
                              name="amountWan"
                              type="number"
                              min={0.01}
                              step="0.01"
                              required
                              defaultValue={String(l.line.amountFen / 1_000_000)}
                              hint={t("lines.amountHint", { drawn: formatMoney(l.line.drawnFen, lng) })}
                            />
                            <TextField label={t("lines.expiresOn")} name="expiresOn" type="date" defaultValue={l.line.expiresOn ?? ""} />
                            <TextField label={t("lines.note")} name="note" maxLength={500} defaultValue={l.line.note ?? ""} />
                            <button type="submit" name="intent" value="updateLine" className="btn btn--small">
                              {t("lines.save")}
                            </button>
                          </Form>
                        </details>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {manageLines ? (
          <>
            {actionData?.errors && actionData.intent === "createLine" ? <FormErrors errors={actionData.errors} /> : null}
            <IntentForm intent="createLine" title={t("lines.create")} submit={t("lines.createSubmit")}>
              <div className="form-row">
                <SelectField
                  label={t("lines.bank")}
                  name="bankId"
                  required
                  placeholder={t("choose")}
                  options={banks.map((b) => ({ value: String(b.id), label: name(b.nameZh, b.nameEn) }))}
                  error={createErrors?.bankId}
                />
                <SelectField
                  label={t("lines.association")}
                  name="associationId"
                  required
                  placeholder={t("choose")}
                  options={associations.map((a) => ({ value: String(a.id), label: name(a.nameZh, a.nameEn) }))}
                  error={createErrors?.associationId}
                />
              </div>
              <div className="form-row">
                <TextField label={t("lines.amountWan")} name="amountWan" type="number" min={0.01} step="0.01" required error={createErrors?.amountWan} />
                <TextField label={t("lines.grantedOn")} name="grantedOn" type="date" required error={createErrors?.grantedOn} />
                <TextField label={t("lines.expiresOn")} name="expiresOn" type="date" error={createErrors?.expiresOn} />
              </div>
              <TextField label={t("lines.note")} name="note" maxLength={500} error={createErrors?.note} />
            </IntentForm>
          </>
        ) : null}
      </section>
    </>
  );
}
