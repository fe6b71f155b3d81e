import type { ReactNode } from "react";
import { TextAreaField } from "./fields";
import { ConfirmAction } from "./ui";

/**
 * A confirmed action that must say why (reject, return, decline, fail…): ConfirmAction with a
 * required reason. The action hands back the field's error and the typed reason for this intent
 * (IntentFailure); the box then opens by itself, so the error is seen on a plain HTML post too.
 */
export function ConfirmWithReason({
  label,
  question,
  confirmLabel,
  intent,
  danger,
  reasonLabel,
  maxLength,
  rows = 2,
  error,
  defaultValue,
  children,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  intent: string;
  danger?: boolean;
  reasonLabel: string;
  /** The schema's limit for the reason (the browser stops there as well). */
  maxLength: number;
  rows?: number;
  error?: string | null;
  defaultValue?: string;
  /** Hidden fields the intent needs besides the reason. */
  children?: ReactNode;
}) {
  return (
    <ConfirmAction label={label} question={question} confirmLabel={confirmLabel} intent={intent} danger={danger} open={Boolean(error)}>
      {children}
      <TextAreaField label={reasonLabel} name="reason" required rows={rows} maxLength={maxLength} defaultValue={defaultValue} error={error} />
    </ConfirmAction>
  );
}
