import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge, EmptyState, PageHeader } from "../components/ui";
import { formatDate, formatMoney } from "../lib/format";
import { notFound, requireAbility } from "../lib/guard.server";
import { can } from "../lib/permissions";
import { useRootData } from "../root";
import { getProduct } from "../modules/finance/finance.server";
import { idParam } from "../lib/ids";
import { Fact, NeedStatusBadge, rate } from "../components/finance/ui";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("financeProduct", (d) => ({ name: d.product.name }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireAbility(request, "finance.products");
  const found = await getProduct(actor, idParam(params));
  if (!found) notFound();
  return { ...found, canApply: can(actor, "finance.apply") && found.product.status === "active" };
}

export default function ProductPage() {
  const { t } = useTranslation("finance");
  const { product: p, bankZh, bankEn, maintains, fits, fitCount, canApply } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  const join = (items: string[]) => items.join(lng === "zh-CN" ? "、" : ", ");
  const rules: string[] = [];
  if (p.minYearsInBusiness) rules.push(t("products.ruleYears", { years: p.minYearsInBusiness }));
  if (p.aboveSizeOnly) rules.push(t("products.aboveSizeOnly"));
  if (p.minAnnualOutputFen) rules.push(t("products.ruleOutput", { amount: formatMoney(p.minAnnualOutputFen, lng) }));
  if (p.segments.length) rules.push(t("products.ruleSegments", { segments: join(p.segments.map((s) => t(`members:segments.${s}`))) }));
  if (p.membersOnly) rules.push(t("products.membersOnly"));
  if (p.collateralRequired) rules.push(t("products.ruleCollateral", { kinds: join(p.acceptedCollateral.map((c) => t(`collateral.${c}`))) }));
  return (
    <>
      <PageHeader
        title={p.name}
        lead={
          <>
            {lng === "zh-CN" ? bankZh : bankEn} · {t(`productType.${p.type}`)}{" "}
            <Badge tone={p.status === "active" ? "success" : "neutral"}>{t(`productStatus.${p.status}`)}</Badge>
          </>
        }
        actions={
          <>
            {canApply ? (
              <Link to={`/finance/applications/new?product=${p.id}`} className="btn">
                {t("applications.applyHere")}
              </Link>
            ) : null}
            {maintains ? (
              <Link to={`/finance/products/${p.id}/edit`} className="btn btn--ghost">
                {t("products.edit")}
              </Link>
            ) : null}
            <Link to="/finance/products" className="btn btn--ghost btn--small">
              {t("back")}
            </Link>
          </>
        }
      />
      <div className="tickets-layout">
        <section className="card">
          {p.description ? <p>{p.description}</p> : null}
          <dl className="tickets-facts">
            <Fact label={t("products.amount")}>
              {formatMoney(p.minAmountFen, lng)} – {formatMoney(p.maxAmountFen, lng)}
            </Fact>
            <Fact label={t("products.rate")}>
              {rate(p.minRateBp)} – {rate(p.maxRateBp)}
            </Fact>
            <Fact label={t("products.term")}>{t("products.months", { min: p.minTermMonths, max: p.maxTermMonths })}</Fact>
            <Fact label={t("products.valid")}>
              {formatDate(p.validFrom, lng)} – {p.validTo ? formatDate(p.validTo, lng) : t("rules.openEnded")}
            </Fact>
          </dl>
        </section>
        <section className="card">
          <h2>{t("products.rules")}</h2>
          {rules.length ? (
            <ul>
              {rules.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : (
            <p>{t("products.noRules")}</p>
          )}
        </section>
      </div>
      {maintains ? (
        <section className="card" aria-labelledby="fits-title">
          <h2 id="fits-title">{t("products.fitsTitle", { count: fitCount })}</h2>
          <p className="muted">{t("products.fitsLead")}</p>
          {fits.length === 0 ? (
            <EmptyState title={t("products.noFits")} />
          ) : (
            <div className="table-wrap" role="region" aria-label={t("products.fitsTitle", { count: fitCount })} tabIndex={0}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t("needs.need")}</th>
                    <th scope="col">{t("needs.enterprise")}</th>
                    <th scope="col">{t("needs.amount")}</th>
                    <th scope="col">{t("needs.purpose")}</th>
                    <th scope="col">{t("needs.neededBy")}</th>
                    <th scope="col">{t("needs.score")}</th>
                    <th scope="col">{t("needs.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {fits.map((n) => (
                    <tr key={n.needId}>
                      <td>
                        <Link to={`/finance/needs/${n.needId}`}>{t("needs.label", { id: n.needId })}</Link>
                      </td>
                      <td>{n.enterpriseName}</td>
                      <td>{formatMoney(n.amountFen, lng)}</td>
                      <td>{t(`purpose.${n.purpose}`)}</td>
                      <td>{formatDate(n.neededBy, lng)}</td>
                      <td>{n.score}</td>
                      <td>
                        <NeedStatusBadge status={n.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </>
  );
}
