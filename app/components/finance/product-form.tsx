// The product form of /finance/products/new and /finance/products/:id/edit (client-safe).
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { segments } from "../../modules/members/constants";
import { CheckboxField, FormErrors, SelectField, TextAreaField, TextField } from "../fields";
import { collateralKinds, productStatuses, productTypes } from "../../modules/finance/constants";

export type ProductFormValues = Record<string, string | string[] | undefined>;

const wan = (fen: number | null | undefined) => (fen == null ? "" : String(fen / 1_000_000));
const pct = (bp: number) => String(bp / 100);

/** Form values of a stored product (for the edit form). */
export function productFormValues(p: {
  bankId: number;
  name: string;
  type: string;
  description: string;
  minAmountFen: number;
  maxAmountFen: number;
  minRateBp: number;
  maxRateBp: number;
  minTermMonths: number;
  maxTermMonths: number;
  minYearsInBusiness: number | null;
  aboveSizeOnly: boolean;
  minAnnualOutputFen: number | null;
  segments: string[];
  membersOnly: boolean;
  collateralRequired: boolean;
  acceptedCollateral: string[];
  validFrom: string;
  validTo: string | null;
  status: string;
}): ProductFormValues {
  return {
    bankId: String(p.bankId),
    name: p.name,
    type: p.type,
    description: p.description,
    minAmountWan: wan(p.minAmountFen),
    maxAmountWan: wan(p.maxAmountFen),
    minRatePct: pct(p.minRateBp),
    maxRatePct: pct(p.maxRateBp),
    minTermMonths: String(p.minTermMonths),
    maxTermMonths: String(p.maxTermMonths),
    minYearsInBusiness: p.minYearsInBusiness == null ? "" : String(p.minYearsInBusiness),
    aboveSizeOnly: p.aboveSizeOnly ? "on" : undefined,
    minAnnualOutputWan: wan(p.minAnnualOutputFen),
    segments: p.segments,
    membersOnly: p.membersOnly ? "on" : undefined,
    collateralRequired: p.collateralRequired ? "on" : undefined,
    acceptedCollateral: p.acceptedCollateral,
    validFrom: p.validFrom,
    validTo: p.validTo ?? "",
    status: p.status,
  };
}

export function ProductForm({
  values,
  errors,
  banks,
  lng,
  submit,
}: {
  values: ProductFormValues;
  errors?: Record<string, string> | null;
  banks: { id: number; nameZh: string; nameEn: string }[] | null;
  lng: "zh-CN" | "en";
  submit: string;
}) {
  const { t } = useTranslation("finance");
  const navigation = useNavigation();
  const v = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  const many = (k: string) => (Array.isArray(values[k]) ? (values[k] as string[]) : typeof values[k] === "string" ? [values[k] as string] : []);
  const e = (k: string) => errors?.[k];
  return (
    <Form method="post" className="form form--wide card">
      <FormErrors errors={errors} />
      {banks ? (
        <SelectField
          label={t("products.bank")}
          name="bankId"
          defaultValue={v("bankId")}
          required
          placeholder={t("choose")}
          options={banks.map((b) => ({ value: String(b.id), label: lng === "zh-CN" ? b.nameZh : b.nameEn }))}
          error={e("bankId")}
        />
      ) : null}
      <div className="form-row">
        <TextField label={t("products.name")} name="name" defaultValue={v("name")} required maxLength={100} error={e("name")} />
        <SelectField
          label={t("products.type")}
          name="type"
          defaultValue={v("type")}
          required
          placeholder={t("choose")}
          options={productTypes.map((x) => ({ value: x, label: t(`productType.${x}`) }))}
          error={e("type")}
        />
        <SelectField
          label={t("products.status")}
          name="status"
          defaultValue={v("status") || "active"}
          required
          options={productStatuses.map((x) => ({ value: x, label: t(`productStatus.${x}`) }))}
          error={e("status")}
        />
      </div>
      <TextAreaField label={t("products.description")} name="description" defaultValue={v("description")} maxLength={2000} rows={3} error={e("description")} />
      <div className="form-row">
        <TextField
          label={t("products.minAmountWan")}
          name="minAmountWan"
          type="number"
          min={0}
          step="0.01"
          defaultValue={v("minAmountWan")}
          required
          error={e("minAmountWan")}
        />
        <TextField
          label={t("products.maxAmountWan")}
          name="maxAmountWan"
          type="number"
          min={0.01}
          step="0.01"
          defaultValue={v("maxAmountWan")}
          required
          error={e("maxAmountWan")}
        />
      </div>
      <div className="form-row">
        <TextField
          label={t("products.minRatePct")}
          name="minRatePct"
          type="number"
          min={0}
          max={36}
          step="0.01"
          defaultValue={v("minRatePct")}
          required
          error={e("minRatePct")}
        />
        <TextField
          label={t("products.maxRatePct")}
          name="maxRatePct"
          type="number"
          min={0}
          max={36}
          step="0.01"
          defaultValue={v("maxRatePct")}
          required
          error={e("maxRatePct")}
        />
      </div>
      <div className="form-row">
        <TextField
          label={t("products.minTermMonths")}
          name="minTermMonths"
          type="number"
          min={1}
          max={360}
          defaultValue={v("minTermMonths")}
          required
          error={e("minTermMonths")}
        />
        <TextField
          label={t("products.maxTermMonths")}
          name="maxTermMonths"
          type="number"
          min={1}
          max={360}
          defaultValue={v("maxTermMonths")}
          required
          error={e("maxTermMonths")}
        />
      </div>
      <fieldset className="card">
        <legend>{t("products.rules")}</legend>
        <div className="form-row">
          <TextField
            label={t("products.minYears")}
            name="minYearsInBusiness"
            type="number"
            min={0}
            max={100}
            defaultValue={v("minYearsInBusiness")}
            error={e("minYearsInBusiness")}
          />
          <TextField
            label={t("products.minOutputWan")}
            name="minAnnualOutputWan"
            type="number"
            min={0}
            step="0.01"
            defaultValue={v("minAnnualOutputWan")}
            error={e("minAnnualOutputWan")}
          />
        </div>
        <CheckboxField label={t("products.aboveSizeOnly")} name="aboveSizeOnly" defaultChecked={v("aboveSizeOnly") === "on"} />
        <CheckboxField label={t("products.membersOnly")} name="membersOnly" defaultChecked={v("membersOnly") === "on"} />
        <fieldset>
          <legend>{t("products.segments")}</legend>
          {segments.map((s) => (
            <CheckboxField key={s} label={t(`members:segments.${s}`)} name="segments" value={s} defaultChecked={many("segments").includes(s)} />
          ))}
          {e("segments") ? <p className="field__error">{t("common:forms.invalid")}</p> : null}
        </fieldset>
        <CheckboxField label={t("products.collateralRequired")} name="collateralRequired" defaultChecked={v("collateralRequired") === "on"} />
        <fieldset>
          <legend>{t("products.acceptedCollateral")}</legend>
          {collateralKinds.map((c) => (
            <CheckboxField key={c} label={t(`collateral.${c}`)} name="acceptedCollateral" value={c} defaultChecked={many("acceptedCollateral").includes(c)} />
          ))}
          {e("acceptedCollateral") ? <p className="field__error">{t("errors.collateralKinds")}</p> : null}
        </fieldset>
      </fieldset>
      <div className="form-row">
        <TextField label={t("products.validFrom")} name="validFrom" type="date" defaultValue={v("validFrom")} required error={e("validFrom")} />
        <TextField label={t("products.validTo")} name="validTo" type="date" defaultValue={v("validTo")} error={e("validTo")} />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
          {submit}
        </button>
      </div>
    </Form>
  );
}
