import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { redirectWithFlash } from "../lib/flash.server";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../components/ui";
import { shanghaiToday } from "../lib/format";
import { requireSignedIn } from "../lib/guard.server";
import { isStaff } from "../lib/permissions";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { useRootData } from "../root";
import { productSchema } from "../modules/finance/forms";
import { listBanks, saveProduct } from "../modules/finance/finance.server";
import { ProductForm } from "../components/finance/product-form";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("financeProductsNew");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.manageProducts");
  return { banks: isStaff(actor) ? await listBanks() : null, today: shanghaiToday() };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.manageProducts");
  const parsed = parseForm(productSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  if (isStaff(actor) && !parsed.data.bankId) return data({ errors: { bankId: "forms.choose" } as Record<string, string>, values: {} }, { status: 400 });
  const result = await saveProduct(actor, null, parsed.data, { ip: clientIp(request) });
  if (!result.ok) return data({ errors: { _form: result.error } as Record<string, string>, values: {} }, { status: 409 });
  throw redirectWithFlash(`/finance/products/${result.value.id}`, "finance:flash.productCreated", request);
}

export default function NewProduct() {
  const { t } = useTranslation("finance");
  const { banks, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lng = useRootData()?.lng ?? "zh-CN";
  return (
    <>
      <PageHeader
        title={t("products.new")}
        lead={t("products.newLead")}
        actions={
          <Link to="/finance/products" className="btn btn--ghost btn--small">
            {t("back")}
          </Link>
        }
      />
      <ProductForm
        values={actionData?.values ?? { validFrom: today, status: "active" }}
        errors={actionData?.errors}
        banks={banks}
        lng={lng}
        submit={t("products.create")}
      />
    </>
  );
}
