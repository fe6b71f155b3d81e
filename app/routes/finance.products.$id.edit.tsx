import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { redirectWithFlash } from "../lib/flash.server";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../components/ui";
import { notFound, requireSignedIn } from "../lib/guard.server";
import { isStaff } from "../lib/permissions";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { useRootData } from "../root";
import { productSchema } from "../modules/finance/forms";
import { getProduct, listBanks, saveProduct } from "../modules/finance/finance.server";
import { ProductForm, productFormValues } from "../components/finance/product-form";
import { idParam } from "../lib/ids";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("financeProductEdit", (d) => ({ name: d.product.name }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.manageProducts");
  const found = await getProduct(actor, idParam(params));
  if (!found || !found.maintains) notFound();
  return { product: found.product, banks: isStaff(actor) ? await listBanks() : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "finance.manageProducts");
  const id = idParam(params);
  const parsed = parseForm(productSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await saveProduct(actor, id, parsed.data, { ip: clientIp(request) });
  if (!result.ok) {
    if (result.error === "notFound") notFound();
    return data({ errors: { _form: result.error } as Record<string, string>, values: {} }, { status: 409 });
  }
  throw redirectWithFlash(`/finance/products/${id}`, "finance:flash.productSaved", request);
}

export default function EditProduct() {
  const { t } = useTranslation("finance");
  const { product, banks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lng = useRootData()?.lng ?? "zh-CN";
  return (
    <>
      <PageHeader
        title={`${t("products.edit")} · ${product.name}`}
        actions={
          <Link to={`/finance/products/${product.id}`} className="btn btn--ghost btn--small">
            {t("back")}
          </Link>
        }
      />
      <ProductForm values={actionData?.values ?? productFormValues(product)} errors={actionData?.errors} banks={banks} lng={lng} submit={t("products.save")} />
    </>
  );
}
