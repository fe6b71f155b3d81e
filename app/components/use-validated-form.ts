import { useSubmit } from "@remix-run/react";
import { useForm, type FieldValues, type RegisterOptions, type Resolver, type UseFormRegister, type UseFormRegisterReturn } from "react-hook-form";
import type * as z from "zod";
import { fieldErrorsOf } from "../lib/validation";

/** A field's starting value as the HTML carries it (a checkbox reads it as checked or not: fields.tsx). */
export type FieldDefault = string | readonly string[] | undefined;

function asFieldDefault(value: unknown): FieldDefault {
  if (value === undefined || value === null || value === false) return undefined;
  if (Array.isArray(value)) return value.map(String);
  return String(value);
}

/**
 * The field's props: react-hook-form's, and its starting value written into the HTML. Most pages are
 * not hydrated (decision 034), so the server's HTML is all the user gets: typed values that come
 * back after a refusal must be in it, not set by the form hook in the browser.
 */
type RegisterField = (name: string, options?: RegisterOptions) => UseFormRegisterReturn & { defaultValue: FieldDefault };

/**
 * react-hook-form with the same zod schema the action uses: errors show as the user types and
 * before a round trip; the form still posts natively without JavaScript, and the server's
 * errors (actionData) win when present.
 */
export function useValidatedForm<S extends z.ZodType>(schema: S, serverErrors?: Record<string, string> | null, defaultValues?: Record<string, unknown>) {
  const resolver: Resolver<FieldValues> = async (values) => {
    const result = schema.safeParse(values);
    if (result.success) return { values: values as FieldValues, errors: {} };
    const errors = fieldErrorsOf(result.error);
    return { values: {}, errors: Object.fromEntries(Object.entries(errors).map(([k, message]) => [k, { type: "validation", message }])) };
  };
  const form = useForm<FieldValues>({ resolver, mode: "onTouched", defaultValues });
  const submit = useSubmit();
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const target = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    event.preventDefault();
    void form.handleSubmit(() => {
      submit(submitter ?? target, { method: (target.getAttribute("method") ?? "post") as "post", encType: target.enctype as "multipart/form-data" });
    })(event);
  };
  const errorOf = (name: string): string | undefined => {
    const client = form.formState.errors[name]?.message;
    return (typeof client === "string" ? client : undefined) ?? serverErrors?.[name];
  };
  const withDefault: RegisterField = (name, options) => ({ ...form.register(name, options), defaultValue: asFieldDefault(defaultValues?.[name]) });
  // Still react-hook-form's register to its callers (their field components take that type).
  const register = withDefault as UseFormRegister<FieldValues>;
  return { register, onSubmit, errorOf, form };
}
