import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable, type Column } from "../components/data-table";
import { FormErrors, TextField } from "../components/fields";
import { PageHeader } from "../components/ui";
import { requireSignedIn } from "../lib/guard.server";
import { intent, runIntent, type IntentFailure } from "../lib/intents.server";
import { clientIp } from "../lib/request.server";
import { titleMeta } from "../lib/page-title";
import { useRootData } from "../root";
import { duesPaymentSchema } from "../modules/members/forms";
import { listDuesPayment, setDuesPayment } from "../modules/members/associations.server";

export const meta = titleMeta("adminAssociations");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSignedIn(request, "admin.settings");
  return { associations: await listDuesPayment() };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const ip = clientIp(request);
  const intents = {
    duesPayment: intent("admin.settings", duesPaymentSchema, (actor, { associationId, ...input }) => setDuesPayment(actor, associationId, input, ip)),
  };
  return runIntent(request, formData, intents, {
    unknownAbility: "admin.settings",
    success: () => "/admin/associations",
    flash: () => "members:flash.duesPaymentSaved",
  });
}

type Row = Awaited<ReturnType<typeof listDuesPayment>>[number];

export default function AdminAssociationsPage() {
  const { t } = useTranslation(["members", "common"]);
  const { associations } = useLoaderData<typeof loader>();
  const failure = useActionData<IntentFailure>();
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "zh-CN";
  const failedHere = (id: number) => failure?.values?.associationId === String(id);
  // After a refusal the row's form shows what was typed, not what is saved.
  const value = (a: Row, field: "payee" | "bank" | "account" | "note") => (failedHere(a.id) ? String(failure?.values?.[field] ?? "") : (a[field] ?? ""));
  const columns: Column<Row>[] = [
    { key: "name", header: t("associations.name"), rowHeader: true, cell: (a) => (lng === "en" ? a.nameEn : a.nameZh) },
    {
      key: "payTo",
      header: t("associations.payTo"),
      cell: (a) => (a.account ? `${a.payee} · ${a.bank} · ${a.account}` : <span className="muted">{t("associations.notSet")}</span>),
    },
    {
      key: "edit",
      header: t("associations.change"),
      cell: (a) => (
        <details open={failedHere(a.id)}>
          <summary className="btn btn--ghost btn--small">{t("associations.edit")}</summary>
          <Form method="post" className="form" aria-label={t("associations.editTitle", { name: lng === "en" ? a.nameEn : a.nameZh })}>
            {failedHere(a.id) ? <FormErrors errors={failure?.errors} /> : null}
            <input type="hidden" name="associationId" value={a.id} />
            <TextField
              label={t("associations.payee")}
              name="payee"
              maxLength={100}
              defaultValue={value(a, "payee")}
              error={failedHere(a.id) ? failure?.errors?.payee : undefined}
            />
            <TextField
              label={t("associations.bank")}
              name="bank"
              maxLength={100}
              defaultValue={value(a, "bank")}
              error={failedHere(a.id) ? failure?.errors?.bank : undefined}
            />
            <TextField
              label={t("associations.account")}
              name="account"
              maxLength={40}
              inputMode="numeric"
              defaultValue={value(a, "account")}
              error={failedHere(a.id) ? failure?.errors?.account : undefined}
            />
            <TextField label={t("associations.note")} name="note" maxLength={300} defaultValue={value(a, "note")} hint={t("associations.noteHint")} />
            <button type="submit" name="intent" value="duesPayment" className="btn btn--small" disabled={navigation.state === "submitting"}>
              {t("associations.save")}
            </button>
          </Form>
        </details>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t("associations.title")} lead={t("associations.lead")} />
      <DataTable label={t("associations.title")} columns={columns} rows={associations} empty={{ title: t("associations.none") }} />
    </>
  );
}
