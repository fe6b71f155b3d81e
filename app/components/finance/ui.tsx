// Small pieces of the finance pages (client-safe: no server code, no zod).
import type { ReactNode } from "react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge, type Tone } from "../ui";
import { formatMoney } from "../../lib/format";
import type { ApplicationStatus, NeedFlagKind, NeedStatus } from "../../modules/finance/constants";
import type { Reason } from "../../modules/finance/matching";

const needTones: Record<NeedStatus, Tone> = { open: "info", claimed: "warn", answered: "success", closed: "neutral", withdrawn: "neutral" };
const appTones: Record<ApplicationStatus, Tone> = {
  submitted: "info",
  under_review: "info",
  info_needed: "warn",
  approved: "success",
  declined: "danger",
  disbursed: "success",
  withdrawn: "neutral",
};

export function NeedStatusBadge({ status }: { status: NeedStatus }) {
  const { t } = useTranslation("finance");
  return <Badge tone={needTones[status]}>{t(`needStatus.${status}`)}</Badge>;
}

export function FlagBadge({ flag }: { flag: NeedFlagKind | null }) {
  const { t } = useTranslation("finance");
  return flag ? <Badge tone="danger">{t(`flag.${flag}`)}</Badge> : null;
}

export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation("finance");
  return <Badge tone={appTones[status]}>{t(`applicationStatus.${status}`)}</Badge>;
}

export function rate(bp: number | null | undefined): string {
  return bp == null ? "—" : `${(bp / 100).toFixed(2)}%`;
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="tickets-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A reason of the matching rules in words: "amount within range", "requires an above-size enterprise: not met". */
export function ReasonList({ reasons, lng }: { reasons: Reason[]; lng: "zh-CN" | "en" }) {
  const { t } = useTranslation("finance");
  const money = (v: string | number | undefined) => formatMoney(Number(v ?? 0), lng);
  const list = (kinds: string | number | undefined, ns: string) =>
    String(kinds ?? "")
      .split(",")
      .filter(Boolean)
      .map((k) => t(`${ns}.${k}`))
      .join(lng === "zh-CN" ? "、" : ", ") || t("rules.none");
  const params = (r: Reason): Record<string, string | number> => {
    const p = r.params;
    switch (r.rule) {
      case "amount":
      case "annualOutput":
        return { ...p, min: money(p.min), max: money(p.max), amount: money(p.amount), output: money(p.output) };
      case "rate":
        return { rate: rate(Number(p.rate)), acceptable: rate(Number(p.acceptable)) };
      case "rateHeadroom":
        return { headroom: rate(Number(p.headroom)) };
      case "segment":
        return { segment: t(`members:segments.${p.segment}`), segments: list(p.segments, "members:segments") };
      case "collateral":
        return { accepted: list(p.accepted, "collateral"), offered: list(p.offered, "collateral") };
      case "purposeFit":
        return { purpose: t(`purpose.${p.purpose}`), type: t(`productType.${p.type}`) };
      case "validity":
        return { from: String(p.from), to: p.to ? String(p.to) : t("rules.openEnded") };
      default:
        return p;
    }
  };
  return (
    <ul className="finance-reasons">
      {reasons.map((r) =>
        r.kind === "hard" ? (
          <li key={r.rule} className={r.met ? "finance-reason--met" : "finance-reason--unmet"}>
            <span aria-hidden="true">{r.met ? "✓" : "✗"}</span> {t(r.params.notGiven ? `rules.${r.rule}NotGiven` : `rules.${r.rule}`, params(r))}
            {r.met ? "" : ` — ${t("rules.notMet")}`}
          </li>
        ) : (
          <li key={r.rule} className="finance-reason--soft">
            <span aria-hidden="true">+</span> {t(`criteria.${r.rule}`, params(r))}{" "}
            <span className="muted small">({t("criteria.points", { points: r.points, max: r.max })})</span>
          </li>
        ),
      )}
    </ul>
  );
}

/** A small form of one intent on a record page (works without JavaScript). */
export function IntentForm({
  intent,
  title,
  submit,
  children,
  danger,
  encType,
}: {
  intent: string;
  title: string;
  submit: string;
  children?: ReactNode;
  danger?: boolean;
  encType?: "multipart/form-data";
}) {
  const navigation = useNavigation();
  return (
    <Form method="post" className="form card tickets-action" aria-label={title} encType={encType}>
      <h3>{title}</h3>
      {children}
      <div className="form-actions">
        <button type="submit" name="intent" value={intent} className={`btn ${danger ? "btn--danger" : ""}`} disabled={navigation.state === "submitting"}>
          {submit}
        </button>
      </div>
    </Form>
  );
}
