import type { UseFormRegister, FieldValues } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { publicFieldNames, segments } from "../../modules/members/constants";
import { CheckboxField, SelectField, TextField } from "../fields";

type Props = { register: UseFormRegister<FieldValues>; errorOf: (name: string) => string | undefined; only?: "contact" };

/** The enterprise profile fields (the /join form and the staff edit form share them). */
export function EnterpriseFields({ register, errorOf }: Props) {
  const { t } = useTranslation("members");
  return (
    <>
      <TextField label={t("fields.name")} {...register("name")} required maxLength={100} error={errorOf("name")} />
      <TextField
        label={t("fields.creditCode")}
        {...register("creditCode")}
        required
        maxLength={24}
        autoCapitalize="characters"
        spellCheck={false}
        hint={t("hints.creditCode")}
        error={errorOf("creditCode")}
      />
      <TextField label={t("fields.legalRep")} {...register("legalRep")} required maxLength={40} error={errorOf("legalRep")} />
      <TextField label={t("fields.address")} {...register("address")} required maxLength={200} error={errorOf("address")} />
      <TextField label={t("fields.village")} {...register("village")} required maxLength={40} error={errorOf("village")} />
      <SelectField
        label={t("fields.segment")}
        {...register("segment")}
        required
        placeholder={t("hints.choose")}
        options={segments.map((s) => ({ value: s, label: t(`segments.${s}`) }))}
        error={errorOf("segment")}
      />
      <CheckboxField label={t("fields.aboveSize")} {...register("aboveSize")} value="on" hint={t("hints.aboveSize")} />
      <TextField
        label={t("fields.annualOutputWan")}
        type="number"
        inputMode="decimal"
        min={0}
        step="any"
        {...register("annualOutputWan")}
        error={errorOf("annualOutputWan")}
      />
      <TextField label={t("fields.employees")} type="number" inputMode="numeric" min={0} step={1} {...register("employees")} error={errorOf("employees")} />
      <TextField
        label={t("fields.exportSharePct")}
        type="number"
        inputMode="numeric"
        min={0}
        max={100}
        step={1}
        {...register("exportSharePct")}
        error={errorOf("exportSharePct")}
      />
      <ContactFields register={register} errorOf={errorOf} withAddress={false} />
    </>
  );
}

/** Contact details and the public-field choices (what a member may change alone). */
export function ContactFields({ register, errorOf, withAddress }: Props & { withAddress: boolean }) {
  const { t } = useTranslation("members");
  return (
    <>
      <TextField label={t("fields.contactPerson")} {...register("contactPerson")} required maxLength={40} error={errorOf("contactPerson")} />
      <TextField label={t("fields.phone")} type="tel" {...register("phone")} required maxLength={20} error={errorOf("phone")} />
      <TextField label={t("fields.email")} type="email" {...register("email")} maxLength={254} error={errorOf("email")} />
      {withAddress ? <TextField label={t("fields.address")} {...register("address")} required maxLength={200} error={errorOf("address")} /> : null}
      <fieldset className="fieldset">
        <legend>{t("fields.publicFields")}</legend>
        <p className="hint">{t("hints.publicFields")}</p>
        {publicFieldNames
          .filter((f) => f !== "segment")
          .map((f) => (
            <CheckboxField key={f} label={t(`fields.${f}`)} {...register("publicFields")} value={f} />
          ))}
      </fieldset>
    </>
  );
}
