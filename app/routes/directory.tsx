import type { LoaderFunctionArgs } from "@remix-run/node";
import { ListResults } from "../components/data-table";
import { SelectField, TextField } from "../components/fields";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterActions, FilterForm, PageHeader } from "../components/ui";
import { requireAbility } from "../lib/guard.server";
import { pageFromUrl } from "../lib/pagination";
import { useRootData } from "../root";
import { DIRECTORY_PAGE_SIZE, listDirectory } from "../modules/members/directory.server";
import { listAssociations } from "../modules/members/join.server";
import { segments } from "../modules/members/constants";
import { directoryFiltersSchema } from "../modules/members/forms.server";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("directory");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAbility(request, "directory.view");
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const filters = directoryFiltersSchema.parse(params);
  const page = pageFromUrl(request.url);
  const [{ rows, total }, associations] = await Promise.all([listDirectory(filters, page), listAssociations()]);
  return { rows, total, page, pageSize: DIRECTORY_PAGE_SIZE, filters, associations };
}

export default function DirectoryPage() {
  const { t } = useTranslation("members");
  const { rows, total, page, pageSize, filters, associations } = useLoaderData<typeof loader>();
  const lng = useRootData()?.lng ?? "zh-CN";
  return (
    <>
      <PageHeader
        title={t("directory.title")}
        lead={t("directory.lead")}
        actions={
          <Link to="/join" className="btn btn--small">
            {t("directory.join")}
          </Link>
        }
      />
      <FilterForm className="card" role="search">
        <TextField id="q" className="field--search" label={t("directory.search")} name="q" type="search" defaultValue={filters.q ?? ""} />
        <SelectField
          id="d-association"
          label={t("fields.association")}
          name="association"
          defaultValue={filters.association ? String(filters.association) : ""}
          placeholder={t("common:forms.all")}
          options={associations.map((a) => ({ value: String(a.id), label: lng === "en" ? a.nameEn : a.nameZh }))}
        />
        <SelectField
          id="d-segment"
          label={t("fields.segment")}
          name="segment"
          defaultValue={filters.segment ?? ""}
          placeholder={t("common:forms.all")}
          options={segments.map((s) => ({ value: s, label: t(`segments.${s}`) }))}
        />
        <FilterActions submitLabel={t("common:forms.search")} />
      </FilterForm>
      <ListResults rows={rows} empty={{ title: t("directory.empty"), body: t("directory.emptyBody") }} pagination={{ page, pageSize, total }}>
        {() => (
          <ul className="directory">
            {rows.map((r) => (
              <li key={r.id} className="card">
                <h2>{r.name}</h2>
                <dl className="facts">
                  <dt>{t("fields.segment")}</dt>
                  <dd>{t(`segments.${r.segment}`)}</dd>
                  {r.village ? (
                    <>
                      <dt>{t("fields.village")}</dt>
                      <dd>{r.village}</dd>
                    </>
                  ) : null}
                  {r.address ? (
                    <>
                      <dt>{t("fields.address")}</dt>
                      <dd>{r.address}</dd>
                    </>
                  ) : null}
                  {r.legalRep ? (
                    <>
                      <dt>{t("fields.legalRep")}</dt>
                      <dd>{r.legalRep}</dd>
                    </>
                  ) : null}
                  {r.contactPerson ? (
                    <>
                      <dt>{t("fields.contactPerson")}</dt>
                      <dd>{r.contactPerson}</dd>
                    </>
                  ) : null}
                  {r.phone ? (
                    <>
                      <dt>{t("fields.phone")}</dt>
                      <dd>{r.phone}</dd>
                    </>
                  ) : null}
                  {r.email ? (
                    <>
                      <dt>{t("fields.email")}</dt>
                      <dd>{r.email}</dd>
                    </>
                  ) : null}
                  {r.employees != null ? (
                    <>
                      <dt>{t("fields.employees")}</dt>
                      <dd>{r.employees}</dd>
                    </>
                  ) : null}
                </dl>
              </li>
            ))}
          </ul>
        )}
      </ListResults>
    </>
  );
}
