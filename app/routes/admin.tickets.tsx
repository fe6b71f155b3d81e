import { DataTable, type Column } from "../components/data-table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, TextField } from "../components/fields";
import { ConfirmAction, PageHeader } from "../components/ui";
import { redirectWithFlash } from "../lib/flash.server";
import { requireSignedIn } from "../lib/guard.server";
import * as z from "zod";
import { isoDate, parseForm } from "../lib/validation";
import { calendarDaySchema, departmentSchema } from "../modules/tickets/forms";
import { addDepartment, listConfiguration, removeCalendarDay, setCalendarDay } from "../modules/tickets/visits.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("adminTickets");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "tickets.configure");
  return listConfiguration();
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "tickets.configure");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "department") {
    const parsed = parseForm(departmentSchema, formData);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = await addDepartment(actor, parsed.data);
    if (!result.ok)
      return data({ intent, errors: { code: result.error } as Record<string, string>, values: parsed.data as Record<string, string> }, { status: 409 });
    throw redirectWithFlash("/admin/tickets", "tickets:flash.departmentAdded", request, { name: parsed.data.nameZh, nameEn: parsed.data.nameEn });
  }
  if (intent === "day") {
    const parsed = parseForm(calendarDaySchema, formData);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    await setCalendarDay(actor, parsed.data);
    throw redirectWithFlash("/admin/tickets", "tickets:flash.daySet", request, { day: parsed.data.day });
  }
  if (intent === "removeDay") {
    const parsed = parseForm(z.object({ day: isoDate }), formData);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: {} }, { status: 400 });
    const result = await removeCalendarDay(actor, parsed.data.day);
    if (!result.ok) return data({ intent, errors: { day: "common:errors.notFound.body" } as Record<string, string>, values: {} }, { status: 404 });
    throw redirectWithFlash("/admin/tickets", "tickets:flash.dayRemoved", request, { day: parsed.data.day });
  }
  return data({ intent, errors: { _form: "common:errors.badRequest.body" } as Record<string, string>, values: {} }, { status: 400 });
}

export default function TicketSettings() {
  const { t } = useTranslation("tickets");
  const { departments, days } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const v = (intent: string) => (actionData?.intent === intent ? ((actionData.values ?? {}) as Record<string, string>) : {});
  const e = (intent: string) => (actionData?.intent === intent ? actionData.errors : {});
  const dayColumns: Column<(typeof days)[number]>[] = [
    { key: "day", header: t("admin.day"), cell: (d) => d.day },
    { key: "name", header: t("admin.name"), cell: (d) => d.name },
    { key: "kind", header: t("admin.kind"), cell: (d) => (d.isWorkday ? t("admin.workday") : t("admin.holiday")) },
    {
      key: "action",
      header: t("admin.action"),
      cell: (d) => (
        <ConfirmAction label={t("admin.remove")} question={t("admin.removeQuestion")} confirmLabel={t("admin.remove")} intent="removeDay" danger>
          <input type="hidden" name="day" value={d.day} />
        </ConfirmAction>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t("admin.title")} lead={t("admin.lead")} />
      <FormErrors errors={actionData?.errors} />
      <div className="tickets-layout">
        <section className="card">
          <h2>{t("admin.departments")}</h2>
          <ul>
            {departments.map((d) => (
              <li key={d.id}>
                {d.nameZh} · {d.nameEn} <span className="muted small">({d.code})</span>
              </li>
            ))}
          </ul>
          <Form method="post" className="form">
            <TextField label={t("admin.code")} name="code" required maxLength={40} defaultValue={v("department").code} error={e("department").code} />
            <TextField label={t("admin.nameZh")} name="nameZh" required maxLength={100} defaultValue={v("department").nameZh} error={e("department").nameZh} />
            <TextField label={t("admin.nameEn")} name="nameEn" required maxLength={100} defaultValue={v("department").nameEn} error={e("department").nameEn} />
            <div className="form-actions">
              <button className="btn" type="submit" name="intent" value="department">
                {t("admin.addDepartment")}
              </button>
            </div>
          </Form>
        </section>
        <section className="card">
          <h2>{t("admin.calendar")}</h2>
          <DataTable label={t("admin.calendar")} columns={dayColumns} rows={days} rowKey={(d) => d.day} empty={{ title: t("admin.noDays") }} />
          <Form method="post" className="form">
            <TextField label={t("admin.day")} name="day" type="date" required defaultValue={v("day").day} error={e("day").day} />
            <TextField label={t("admin.name")} name="name" required maxLength={60} defaultValue={v("day").name} error={e("day").name} />
            <CheckboxField label={t("admin.isWorkday")} name="isWorkday" defaultChecked={v("day").isWorkday === "on"} />
            <div className="form-actions">
              <button className="btn" type="submit" name="intent" value="day">
                {t("admin.setDay")}
              </button>
            </div>
          </Form>
        </section>
      </div>
    </>
  );
}
