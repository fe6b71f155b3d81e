import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { redirectWithFlash } from "../lib/flash.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, TextAreaField, TextField } from "../components/fields";
import { Alert, PageHeader } from "../components/ui";
import { formatMoney } from "../lib/format";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { parseId } from "../lib/ids";
import { clientIp } from "../lib/request.server";
import { discardUploads } from "../lib/uploads.server";
import { parseForm } from "../lib/validation";
import { useRootData } from "../root";
import { DOCUMENT_FIELD, MAX_DOCUMENTS } from "../modules/finance/constants";
import { receiveDocumentForm } from "../modules/finance/documents.server";
import { applySchema } from "../modules/finance/forms";
import { applyForProduct, getProduct, needFormOptions } from "../modules/finance/finance.server";
import { rate } from "../components/finance/ui";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("financeApplicationsNew");

function queryId(url: URL, name: string): number | null {
  return parseId(url.searchParams.get(name));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.apply");
  const url = new URL(request.url);
  const productId = queryId(url, "product");
  if (!productId) notFound();
  const found = await getProduct(actor, productId);
  if (!found || found.product.status !== "active") notFound();
  return { product: found.product, bankZh: found.bankZh, bankEn: found.bankEn, needId: queryId(url, "need"), enterprises: await needFormOptions(actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.apply");
  const upload = await receiveDocumentForm(request);
  if (!upload.ok) {
    const values = upload.fields ? Object.fromEntries([...upload.fields.entries()].filter(([k, v]) => k !== DOCUMENT_FIELD && typeof v === "string")) : {};
    return data({ errors: { [DOCUMENT_FIELD]: upload.error } as Record<string, string>, values }, { status: upload.status });
  }
  const parsed = parseForm(applySchema, upload.fields);
  if (!parsed.ok) {
    await discardUploads(upload.files);
    return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  const result = await applyForProduct(actor, parsed.data, upload.files, { ip: clientIp(request) }).catch(async (error: unknown) => {
    await discardUploads(upload.files);
    throw error;
  });
  if (!result.ok) {
    await discardUploads(upload.files);
    return data(
      {
        errors: { _form: result.error } as Record<string, string>,
        values: Object.fromEntries([...upload.fields.entries()].filter(([k, v]) => k !== DOCUMENT_FIELD && typeof v === "string")),
      },
      { status: 409 },
    );
  }
  throw redirectWithFlash(`/finance/applications/${result.value.id}`, "finance:flash.applicationSubmitted", request);
}

export default function Apply() {
  const { t } = useTranslation("finance");
  const { product: p, bankZh, bankEn, needId, enterprises } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lng = useRootData()?.lng ?? "zh-CN";
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const e = (k: string) => actionData?.errors?.[k];
  return (
    <>
      <PageHeader
        title={t("applications.newTitle", { product: p.name })}
        lead={`${lng === "zh-CN" ? bankZh : bankEn} · ${formatMoney(p.minAmountFen, lng)} – ${formatMoney(p.maxAmountFen, lng)} · ${rate(p.minRateBp)} – ${rate(p.maxRateBp)} · ${t("products.months", { min: p.minTermMonths, max: p.maxTermMonths })}`}
        actions={
          <Link to={`/finance/products/${p.id}`} className="btn btn--ghost btn--small">
            {t("back")}
          </Link>
        }
      />
      {enterprises.length === 0 ? <Alert tone="warn">{t("errors.enterprise")}</Alert> : null}
      <FormErrors errors={actionData?.errors} />
      <Form method="post" encType="multipart/form-data" className="form form--wide card">
        <input type="hidden" name="productId" value={p.id} />
        <input type="hidden" name="needId" value={needId ?? ""} />
        <SelectField
          label={t("needs.enterprise")}
          name="enterpriseId"
          defaultValue={values.enterpriseId ?? (enterprises.length === 1 ? String(enterprises[0].id) : "")}
          required
          placeholder={t("choose")}
          options={enterprises.map((x) => ({ value: String(x.id), label: x.name }))}
          error={e("enterpriseId")}
        />
        <div className="form-row">
          <TextField
            label={t("applications.amountWan")}
            name="amountWan"
            type="number"
            min={p.minAmountFen / 1_000_000}
            max={p.maxAmountFen / 1_000_000}
            step="0.01"
            defaultValue={values.amountWan ?? ""}
            required
            error={e("amountWan")}
          />
          <TextField
            label={t("applications.termMonths")}
            name="termMonths"
            type="number"
            min={p.minTermMonths}
            max={p.maxTermMonths}
            defaultValue={values.termMonths ?? String(p.minTermMonths)}
            required
            error={e("termMonths")}
          />
        </div>
        <CheckboxField
          label={t("applications.underCreditLine")}
          name="underCreditLine"
          defaultChecked={values.underCreditLine === "on"}
          hint={t("applications.underCreditLineHint")}
        />
        <TextAreaField label={t("applications.note")} name="note" defaultValue={values.note ?? ""} maxLength={2000} rows={3} error={e("note")} />
        <TextField
          label={t("applications.documents")}
          name={DOCUMENT_FIELD}
          type="file"
          multiple
          accept=".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx"
          hint={t("applications.documentsHint", { max: MAX_DOCUMENTS })}
          error={e(DOCUMENT_FIELD)}
        />
        <div className="form-actions">
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {t("applications.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
