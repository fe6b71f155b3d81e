import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Badge, type Tone } from "../ui";

// Pieces shared by the governance pages (client-safe: no server code).

const tones: Record<string, Tone> = {
  draft: "neutral",
  proposed: "info",
  adopted: "success",
  superseded: "neutral",
  scheduled: "info",
  open: "warn",
  closed: "neutral",
  tallied: "info",
  certified: "success",
  passed: "success",
  failed: "danger",
  pending: "neutral",
  accepted: "success",
  rejected: "danger",
  to_motion: "info",
  nominated: "neutral",
  withdrawn: "neutral",
  elected: "success",
  tie: "warn",
  not_elected: "neutral",
};

export function GovBadge({ status }: { status: string }) {
  const { t } = useTranslation("governance");
  return <Badge tone={tones[status] ?? "neutral"}>{t(`status.${status}`)}</Badge>;
}

/** A small post form with one intent button; fields inside. Works without JavaScript. */
export function IntentForm({
  intent,
  submit,
  children,
  title,
  danger,
  action,
}: {
  intent: string;
  submit: string;
  children?: ReactNode;
  title?: string;
  danger?: boolean;
  action?: string;
}) {
  const navigation = useNavigation();
  return (
    <Form method="post" action={action} className="form card" aria-label={title ?? submit}>
      {title ? <h3>{title}</h3> : null}
      {children}
      <div className="form-actions">
        <button
          type="submit"
          name="intent"
          value={intent}
          className={`btn btn--small ${danger ? "btn--danger" : ""}`}
          disabled={navigation.state === "submitting"}
        >
          {submit}
        </button>
      </div>
    </Form>
  );
}

export function Figure({ label, value, name }: { label: string; value: ReactNode; name?: string }) {
  return (
    <div className="stat" data-figure={name}>
      <div className="stat__value">{value}</div>
      <div className="stat__label">{label}</div>
    </div>
  );
}

export function percent(share: number | null): string {
  return share === null ? "—" : `${Math.round(share * 1000) / 10}%`;
}
