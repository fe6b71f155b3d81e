import { useSubmit } from "@remix-run/react";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";
import type * as z from "zod";
import { fieldErrorsOf } from "../lib/validation";

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
  return { register: form.register, onSubmit, errorOf, form };
}
