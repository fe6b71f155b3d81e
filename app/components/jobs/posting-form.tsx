import type { UseFormRegister, FieldValues } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { educationLevels, experienceLevels, jobLocations, jobTypes } from "../../modules/jobs/forms";
import { SelectField, TextAreaField, TextField } from "../fields";

/**
 * The fields of a posting, shared by the create form (/jobs/new) and the edit form
 * (/jobs/manage/:id/edit): same labels, same limits, same schema behind them.
 */
export function PostingFields({
  register,
  errorOf,
  enterprises,
  enterpriseHint,
}: {
  register: UseFormRegister<FieldValues>;
  errorOf: (name: string) => string | undefined;
  enterprises: { id: number; name: string }[];
  enterpriseHint?: string;
}) {
  const { t } = useTranslation("jobs");
  return (
    <>
      <SelectField
        label={t("fields.enterprise")}
        {...register("enterpriseId")}
        required
        hint={enterpriseHint}
        options={enterprises.map((e) => ({ value: String(e.id), label: e.name }))}
        error={errorOf("enterpriseId")}
      />
      <div className="form-row">
        <TextField label={t("fields.title")} {...register("title")} required maxLength={60} error={errorOf("title")} />
        <TextField label={t("fields.headcount")} type="number" min={1} max={999} {...register("headcount")} required error={errorOf("headcount")} />
      </div>
      <div className="form-row">
        <TextField
          label={t("fields.salaryMin")}
          type="number"
          min={0}
          {...register("salaryMin")}
          required
          hint={t("new.salaryHint")}
          error={errorOf("salaryMin")}
        />
        <TextField label={t("fields.salaryMax")} type="number" min={0} {...register("salaryMax")} required error={errorOf("salaryMax")} />
      </div>
      <div className="form-row">
        <SelectField
          label={t("fields.education")}
          {...register("education")}
          required
          options={educationLevels.map((e) => ({ value: e, label: t(`education.${e}`) }))}
          error={errorOf("education")}
        />
        <SelectField
          label={t("fields.experience")}
          {...register("experience")}
          required
          options={experienceLevels.map((e) => ({ value: e, label: t(`experience.${e}`) }))}
          error={errorOf("experience")}
        />
        <SelectField
          label={t("fields.jobType")}
          {...register("jobType")}
          required
          options={jobTypes.map((j) => ({ value: j, label: t(`jobType.${j}`) }))}
          error={errorOf("jobType")}
        />
      </div>
      <div className="form-row">
        <SelectField
          label={t("fields.location")}
          {...register("location")}
          required
          placeholder={t("new.choose")}
          options={jobLocations.map((l) => ({ value: l, label: l }))}
          error={errorOf("location")}
        />
        <TextField label={t("fields.closesOn")} type="date" {...register("closesOn")} required error={errorOf("closesOn")} />
      </div>
      <TextAreaField label={t("fields.description")} {...register("description")} required rows={6} maxLength={4000} error={errorOf("description")} />
      <TextAreaField label={t("fields.benefits")} {...register("benefits")} rows={3} maxLength={1000} error={errorOf("benefits")} />
      <TextField label={t("fields.contact")} {...register("contact")} required maxLength={100} hint={t("new.contactHint")} error={errorOf("contact")} />
    </>
  );
}
