import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { redirectWithFlash } from "../lib/flash.server";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, TextField } from "../components/fields";
import { Badge, EmptyState, FilterActions, FilterForm, PageHeader, Pagination } from "../components/ui";
import { formatDate, formatMoney } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { isStaff } from "../lib/permissions";
import { clientIp } from "../lib/request.server";
import * as z from "zod";
import { idField } from "../lib/validation";
import { useRootData } from "../root";
import { CONTACT_BEFORE_DAYS, RENEWAL_WINDOW_DAYS, renewalOutcomes } from "../modules/finance/constants";
import { contactSchema, filterFromUrl, renewalFilterSchema, renewalOutcomeSchema } from "../modules/finance/forms";
import { listRenewals, PAGE_SIZE, recordLoanContact, recordRenewalOutcome } from "../modules/finance/finance.server";
import { pageFromUrl } from "../lib/pagination";
import { runForm } from "../modules/finance/route-helpers.server";
import { rate } from "../components/finance/ui";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("financeRenewals");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.renewals");
  const filter = filterFromUrl(renewalFilterSchema, request.url);
  const page = pageFromUrl(request.url);
  const { rows, total, today } = await listRenewals(actor, filter, page);
  return { rows, total, page, filter, today, staff: isStaff(actor) };
}

const loanId = z.object({ loanId: idField });

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.renewals");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const opts = { ip: clientIp(request) };
  let outcome;
  if (intent === "contact") outcome = await runForm(intent, formData, contactSchema.extend(loanId.shape), (d) => recordLoanContact(actor, d.loanId, d, opts));
  else if (intent === "outcome")
    outcome = await runForm(intent, formData, renewalOutcomeSchema.extend(loanId.shape), (d) => recordRenewalOutcome(actor, d.loanId, d, opts));
  else return data({ intent, errors: { _form: "common:errors.badRequest.body" } as Record<string, string>, values: {} }, { status: 400 });
  if (outcome.response) return outcome.response;
  const url = new URL(request.url);
  throw redirectWithFlash(`/finance/renewals${url.search}`, `finance:flash.${intent}`, request);
}

function RowForms({ id, today }: { id: number; today: string }) {
  const { t } = useTranslation("finance");
  const navigation = useNavigation();
  return (
    <div className="finance-row-forms">
      <Form method="post" className="form form--inline" aria-label={t("renewals.contactTitle", { id })}>
        <input type="hidden" name="loanId" value={id} />
        <TextField label={t("renewals.contactedOn")} name="contactedOn" type="date" defaultValue={today} required />
        <TextField label={t("renewals.contactNote")} name="note" required maxLength={2000} />
        <button type="submit" name="intent" value="contact" className="btn btn--small" disabled={navigation.state === "submitting"}>
          {t("renewals.recordContact")}
        </button>
      </Form>
      <Form method="post" className="form form--inline" aria-label={t("renewals.outcomeTitle", { id })}>
        <input type="hidden" name="loanId" value={id} />
        <SelectField
          label={t("renewals.outcome")}
          name="outcome"
          required
          placeholder={t("choose")}
          options={renewalOutcomes.map((o) => ({ value: o, label: t(`renewalOutcome.${o}`) }))}
        />
        <TextField label={t("renewals.outcomeNote")} name="note" maxLength={2000} />
        <button type="submit" name="intent" value="outcome" className="btn btn--small btn--ghost" disabled={navigation.state === "submitting"}>
          {t("renewals.recordOutcome")}
        </button>
      </Form>
    </div>
  );
}

export default function Renewals() {
  const { t } = useTranslation("finance");
  const { rows, total, page, filter, today, staff } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lng = useRootData()?.lng ?? "zh-CN";
  return (
    <>
      <PageHeader title={t("renewals.title")} lead={t("renewals.lead", { window: RENEWAL_WINDOW_DAYS, before: CONTACT_BEFORE_DAYS })} />
      {actionData?.errors ? <FormErrors errors={actionData.errors} /> : null}
      <FilterForm>
        {staff ? (
          <SelectField
            label={t("renewals.scope")}
            name="scope"
            defaultValue={filter.scope ?? "mine"}
            options={[
              { value: "mine", label: t("renewals.scopeMine") },
              { value: "all", label: t("renewals.scopeAll") },
            ]}
          />
        ) : null}
        <CheckboxField label={t("renewals.flaggedOnly")} name="flagged" value="1" defaultChecked={filter.flagged === "1"} />
        <FilterActions />
      </FilterForm>
      {rows.length === 0 ? (
        <EmptyState title={t("renewals.empty")}>{t("renewals.emptyBody")}</EmptyState>
      ) : (
        <ul className="finance-renewals">
          {rows.map((r) => (
            <li key={r.loan.id} className="card" data-loan={r.loan.id}>
              <h3>
                {r.enterpriseName} · {formatMoney(r.loan.amountFen, lng)} · {lng === "zh-CN" ? r.bankZh : r.bankEn}{" "}
                {r.flagged ? <Badge tone="danger">{t("renewals.flagged")}</Badge> : null}{" "}
                {r.loan.renewable ? <Badge tone="success">{t("renewals.renewable")}</Badge> : null}
              </h3>
              <p className="muted">
                {t("renewals.facts", { matures: formatDate(r.loan.maturesOn, lng), rate: rate(r.loan.rateBp), liaison: r.liaisonName ?? t("rules.none") })}
                {r.loan.lastContactedOn
                  ? ` · ${t("renewals.lastContact", { date: formatDate(r.loan.lastContactedOn, lng), note: r.loan.contactNote ?? "" })}`
                  : ` · ${t("renewals.notContacted")}`}
              </p>
              <RowForms id={r.loan.id} today={today} />
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} />
    </>
  );
}
