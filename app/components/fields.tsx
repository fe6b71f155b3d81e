import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { forwardRef, useId } from "react";
import { useTranslation } from "react-i18next";
import { parseMessage } from "../lib/messages";

type Common = { label: string; error?: string | null; hint?: ReactNode; required?: boolean };

/** Error messages are i18n keys (from the zod schemas), translated where they are shown. */
function ErrorText({ id, error }: { id: string; error?: string | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <span id={id} className="field__error">
      {t(...parseMessage(error))}
    </span>
  );
}

export const TextField = forwardRef<HTMLInputElement, Common & InputHTMLAttributes<HTMLInputElement>>(function TextField(
  { label, error, hint, required, id, className, ...input },
  ref,
) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <div className={`field ${error ? "field--invalid" : ""} ${className ?? ""}`}>
      <label htmlFor={fieldId} className={required ? "is-required" : undefined}>
        {label}
      </label>
      <input
        ref={ref}
        id={fieldId}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId}-error` : undefined}
        {...input}
      />
      {hint ? <span className="hint">{hint}</span> : null}
      <ErrorText id={`${fieldId}-error`} error={error} />
    </div>
  );
});

export const TextAreaField = forwardRef<HTMLTextAreaElement, Common & TextareaHTMLAttributes<HTMLTextAreaElement>>(function TextAreaField(
  { label, error, hint, required, id, ...input },
  ref,
) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <div className={`field ${error ? "field--invalid" : ""}`}>
      <label htmlFor={fieldId} className={required ? "is-required" : undefined}>
        {label}
      </label>
      <textarea
        ref={ref}
        id={fieldId}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId}-error` : undefined}
        {...input}
      />
      {hint ? <span className="hint">{hint}</span> : null}
      <ErrorText id={`${fieldId}-error`} error={error} />
    </div>
  );
});

export const SelectField = forwardRef<
  HTMLSelectElement,
  Common & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[]; placeholder?: string }
>(function SelectField({ label, error, hint, required, id, options, placeholder, ...select }, ref) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <div className={`field ${error ? "field--invalid" : ""}`}>
      <label htmlFor={fieldId} className={required ? "is-required" : undefined}>
        {label}
      </label>
      <select
        ref={ref}
        id={fieldId}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId}-error` : undefined}
        {...select}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? <span className="hint">{hint}</span> : null}
      <ErrorText id={`${fieldId}-error`} error={error} />
    </div>
  );
});

/**
 * A checkbox. Its `defaultValue` (from useValidatedForm's register) is the form's value for the name,
 * not the box's own: the box starts checked when it is "true", equals the box's value, or lists it.
 */
export const CheckboxField = forwardRef<HTMLInputElement, Omit<Common, "required"> & InputHTMLAttributes<HTMLInputElement>>(function CheckboxField(
  { label, error, hint, id, defaultValue, defaultChecked, ...input },
  ref,
) {
  const auto = useId();
  const fieldId = id ?? auto;
  const own = String(input.value ?? "on");
  const checked =
    defaultChecked ?? (Array.isArray(defaultValue) ? defaultValue.map(String).includes(own) : defaultValue === "true" || String(defaultValue) === own);
  return (
    <div className={`field field--check ${error ? "field--invalid" : ""}`}>
      <input ref={ref} type="checkbox" id={fieldId} defaultChecked={checked} {...input} />
      <label htmlFor={fieldId}>{label}</label>
      {hint ? <span className="hint">{hint}</span> : null}
      <ErrorText id={`${fieldId}-error`} error={error} />
    </div>
  );
});

/** The errors of a whole form, as a list at its top (for screen readers and long forms). */
export function FormErrors({ errors }: { errors?: Record<string, string | undefined> | null }) {
  const { t } = useTranslation();
  const messages = Object.values(errors ?? {}).filter(Boolean) as string[];
  if (messages.length === 0) return null;
  return (
    <div className="alert alert--error" role="alert">
      {t("forms.fixErrors")}
      <ul>
        {[...new Set(messages)].map((m) => (
          <li key={m}>{t(...parseMessage(m))}</li>
        ))}
      </ul>
    </div>
  );
}
