import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { redirectWithFlash } from "../lib/flash.server";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextAreaField } from "../components/fields";
import { Alert, Badge, ConfirmAction, PageHeader } from "../components/ui";
import { formatDate, formatDateTime, formatMoney } from "../lib/format";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { can, type Ability } from "../lib/permissions";
import { clientIp } from "../lib/request.server";
import * as z from "zod";
import { useRootData } from "../root";
import { needOutcomes } from "../modules/finance/constants";
import { respondSchema } from "../modules/finance/forms";
import { claimNeed, getNeed, respondToNeed, withdrawNeed } from "../modules/finance/finance.server";
import { idParam } from "../lib/ids";
import { lookupIntent } from "../lib/intents.server";
import { runForm } from "../modules/finance/route-helpers.server";
import { ApplicationStatusBadge, Fact, FlagBadge, IntentForm, NeedStatusBadge, ReasonList, rate } from "../components/finance/ui";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("financeNeed", (d) => ({ id: d.need.id, name: d.enterprise?.name }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.needs");
  const found = await getNeed(actor, idParam(params));
  if (!found) notFound();
  const { need } = found;
  const officer = can(actor, "finance.claim");
  return {
    ...found,
    may: {
      claim: officer && need.status === "open" && need.claimedBankId === null,
      respond: officer && need.status === "claimed" && need.claimedBankId === actor.bankId,
      withdraw: (actor.role === "member" || can(actor, "finance.importNeeds")) && (need.status === "open" || need.status === "claimed"),
      apply: can(actor, "finance.apply") && need.status !== "withdrawn" && need.status !== "closed",
    },
    role: actor.role,
  };
}

const intentAbility: Record<string, Ability> = { claim: "finance.claim", respond: "finance.claim", withdraw: "finance.postNeed" };

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  // An own key of the map only: "toString" or "__proto__" is an unknown intent, never Object.prototype's.
  const known = lookupIntent(intentAbility, intent);
  const actor = await requireSignedIn(request, known ? intentAbility[known] : "finance.needs");
  const id = idParam(params);
  const opts = { ip: clientIp(request) };
  let outcome;
  switch (intent) {
    case "claim":
      outcome = await runForm(intent, formData, z.object({}), () => claimNeed(actor, id, opts));
      break;
    case "respond":
      outcome = await runForm(intent, formData, respondSchema, (d) => respondToNeed(actor, id, d, opts));
      break;
    case "withdraw":
      outcome = await runForm(intent, formData, z.object({}), () => withdrawNeed(actor, id, opts));
      break;
    default:
      return data({ intent, errors: { _form: "common:errors.badRequest.body" } as Record<string, string>, values: {} }, { status: 400 });
  }
  if (outcome.response) return outcome.response;
  throw redirectWithFlash(`/finance/needs/${id}`, intent === "withdraw" ? "finance:flash.withdrawNeed" : `finance:flash.${intent}`, request);
}

export default function NeedPage() {
  const { t } = useTranslation("finance");
  const { need, enterprise, foundedYear, flag, claimedBank, liaisonName, ranking, applications, may, role, hasCreditLine } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "zh-CN";
  const eligible = ranking.filter((m) => m.eligible);
  const excluded = ranking.filter((m) => !m.eligible);
  const err = (intent: string, field: string) => (actionData?.intent === intent ? actionData.errors?.[field] : undefined);
  const nextStep = flag ? `next.${flag}` : `next.${need.status}`;
  return (
    <>
      <PageHeader
        title={`${t("needs.label", { id: need.id })} · ${enterprise?.name ?? ""}`}
        lead={
          <>
            <NeedStatusBadge status={need.status} /> <FlagBadge flag={flag} /> {need.source === "survey" ? <Badge>{t("needs.fromSurvey")}</Badge> : null}
          </>
        }
        actions={
          <Link to="/finance/needs" className="btn btn--ghost btn--small">
            {t("back")}
          </Link>
        }
      />
      <Alert tone={flag ? "warn" : "info"}>{t(nextStep, { bank: claimedBank ? (lng === "zh-CN" ? claimedBank.nameZh : claimedBank.nameEn) : "" })}</Alert>
      {actionData?.errors?._form ? <FormErrors errors={{ _form: actionData.errors._form }} /> : null}
      <div className="tickets-layout">
        <section className="card">
          <dl className="tickets-facts">
            <Fact label={t("needs.amount")}>{formatMoney(need.amountFen, lng)}</Fact>
            <Fact label={t("needs.purpose")}>{t(`purpose.${need.purpose}`)}</Fact>
            <Fact label={t("needs.termMonths")}>{need.termMonths}</Fact>
            <Fact label={t("needs.maxRatePct")}>{rate(need.maxRateBp)}</Fact>
            <Fact label={t("needs.collateral")}>
              {need.collateral.length ? need.collateral.map((c) => t(`collateral.${c}`)).join(lng === "zh-CN" ? "、" : ", ") : t("rules.none")}
            </Fact>
            <Fact label={t("needs.neededBy")}>{formatDate(need.neededBy, lng)}</Fact>
            <Fact label={t("needs.posted")}>{formatDateTime(need.createdAt, lng)}</Fact>
            <Fact label={t("needs.claimDue")}>{formatDateTime(need.claimDueAt, lng)}</Fact>
            {claimedBank ? <Fact label={t("needs.claimedBy")}>{lng === "zh-CN" ? claimedBank.nameZh : claimedBank.nameEn}</Fact> : null}
            {need.responseDueAt ? <Fact label={t("needs.responseDue")}>{formatDateTime(need.responseDueAt, lng)}</Fact> : null}
            {need.respondedAt ? <Fact label={t("needs.respondedAt")}>{formatDateTime(need.respondedAt, lng)}</Fact> : null}
            {need.outcome ? (
              <Fact label={t("needs.outcome")}>
                {t(`outcome.${need.outcome}`)}
                {need.outcomeNote ? ` · ${need.outcomeNote}` : ""}
              </Fact>
            ) : null}
            <Fact label={t("needs.enterpriseFacts")}>
              {enterprise
                ? `${t(`members:segments.${enterprise.segment}`)} · ${enterprise.aboveSize ? t("needs.aboveSize") : t("needs.belowSize")} · ${enterprise.annualOutputFen === null ? t("needs.outputNotGiven") : formatMoney(enterprise.annualOutputFen, lng)}`
                : ""}
              {foundedYear ? ` · ${t("needs.foundedIn", { year: foundedYear })}` : ""}
            </Fact>
            {role !== "bank" ? <Fact label={t("needs.liaison")}>{liaisonName ?? t("rules.none")}</Fact> : null}
          </dl>
          {need.description ? <p>{need.description}</p> : null}
        </section>
        <div>
          {may.claim ? (
            <IntentForm intent="claim" title={t("needs.claimTitle")} submit={t("needs.claim")}>
              <p className="muted">{t("needs.claimLead")}</p>
            </IntentForm>
          ) : null}
          {may.respond ? (
            <IntentForm intent="respond" title={t("needs.respondTitle")} submit={t("needs.respond")}>
              <SelectField
                label={t("needs.outcome")}
                name="outcome"
                required
                placeholder={t("choose")}
                options={needOutcomes.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
                error={err("respond", "outcome")}
              />
              <TextAreaField label={t("needs.outcomeNote")} name="note" required maxLength={2000} rows={3} error={err("respond", "note")} />
            </IntentForm>
          ) : null}
          {may.withdraw ? (
            <ConfirmAction
              label={t("needs.withdraw")}
              question={t("needs.withdrawQuestion")}
              confirmLabel={t("needs.withdrawConfirm")}
              intent="withdraw"
              danger
            />
          ) : null}
          {applications.length ? (
            <section className="card">
              <h3>{t("needs.applications")}</h3>
              <ul>
                {applications.map((a) => (
                  <li key={a.id}>
                    <Link to={`/finance/applications/${a.id}`}>{t("applications.label", { id: a.id })}</Link> · {a.productName} ·{" "}
                    {formatMoney(a.amountFen, lng)} <ApplicationStatusBadge status={a.status} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>
      <section className="card" aria-labelledby="ranking-title">
        <h2 id="ranking-title">{t("needs.rankingTitle", { count: eligible.length })}</h2>
        <p className="muted">{t(role === "bank" ? "needs.rankingLeadBank" : "needs.rankingLead")}</p>
        {hasCreditLine ? <p className="muted small">{t("needs.creditLineHint")}</p> : null}
        <ol className="finance-ranking">
          {eligible.map((m) => (
            <li key={m.productId} className="card" data-product={m.productId}>
              <h3>
                <Link to={`/finance/products/${m.productId}`}>{m.name}</Link>{" "}
                <span className="muted">
                  · {lng === "zh-CN" ? m.bankZh : m.bankEn} · {t(`productType.${m.type}`)} · {rate(m.minRateBp)}–{rate(m.maxRateBp)}
                </span>{" "}
                <Badge tone="success">{t("needs.scoreValue", { score: m.score })}</Badge>
              </h3>
              <ReasonList reasons={m.reasons} lng={lng} />
              {may.apply ? (
                <Link className="btn btn--small" to={`/finance/applications/new?product=${m.productId}&need=${need.id}`}>
                  {t("applications.applyHere")}
                </Link>
              ) : null}
            </li>
          ))}
        </ol>
        {excluded.length ? (
          <details>
            <summary>{t("needs.excludedTitle", { count: excluded.length })}</summary>
            <ul className="finance-ranking finance-ranking--excluded">
              {excluded.map((m) => (
                <li key={m.productId} data-product={m.productId}>
                  <strong>{m.name}</strong> <span className="muted">· {lng === "zh-CN" ? m.bankZh : m.bankEn}</span> —{" "}
                  {t("needs.excludedBy", { rules: m.excludedBy.map((r) => t(`ruleNames.${r}`)).join(lng === "zh-CN" ? "、" : ", ") })}
                  <ReasonList reasons={m.reasons.filter((r) => r.kind === "hard")} lng={lng} />
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
      {navigation.state === "submitting" ? <p className="muted small">{t("saving")}</p> : null}
    </>
  );
}
