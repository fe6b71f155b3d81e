import type { LoaderFunctionArgs } from "@remix-run/node";
import { ListResults } from "../components/data-table";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "../components/fields";
import { Badge, FilterForm, PageHeader } from "../components/ui";
import { getActor } from "../lib/auth.server";
import { requireAbility } from "../lib/guard.server";
import { can } from "../lib/permissions";
import { pageFromUrl } from "../lib/pagination";
import { FAIRS_PAGE_SIZE, listFairs } from "../modules/fairs/fairs.server";
import { FairStatusBadge } from "../components/fairs/ui";
import { titleMeta } from "../lib/page-title";

export const meta = titleMeta("fairs");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAbility(request, "fairs.view");
  const actor = await getActor(request);
  const url = new URL(request.url);
  const rawWhen = url.searchParams.get("when");
  const when = rawWhen === "past" || rawWhen === "all" ? rawWhen : "upcoming";
  const page = pageFromUrl(url);
  const { rows, total } = await listFairs(actor, { when, page });
  return { rows, total, page, pageSize: FAIRS_PAGE_SIZE, when, canManage: can(actor, "fairs.manage") };
}

export default function FairsPage() {
  const { t } = useTranslation("fairs");
  const { rows, total, page, pageSize, when, canManage } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title={t("list.title")}
        lead={t("list.lead")}
        actions={
          canManage ? (
            <Link className="btn" to="/fairs/new">
              {t("list.new")}
            </Link>
          ) : null
        }
      />
      <FilterForm>
        <SelectField
          label={t("list.when")}
          name="when"
          defaultValue={when}
          options={[
            { value: "upcoming", label: t("list.upcoming") },
            { value: "past", label: t("list.past") },
            { value: "all", label: t("list.all") },
          ]}
        />
        <button type="submit" className="btn btn--ghost">
          {t("common:forms.filter")}
        </button>
      </FilterForm>
      <ListResults
        rows={rows}
        empty={{ title: t("list.empty"), body: when === "upcoming" ? <Link to="/fairs?when=past">{t("list.seePast")}</Link> : undefined }}
        pagination={{ page, pageSize, total }}
      >
        {() => (
          <div className="fair-cards">
            {rows.map((f) => (
              <article className="card fair-card" key={f.id}>
                <h2>
                  <Link to={`/fairs/${f.id}`}>{f.title}</Link>
                </h2>
                <p>
                  <FairStatusBadge status={f.status} /> <Badge tone="neutral">{t(`mode.${f.mode}`)}</Badge>
                </p>
                <dl className="facts">
                  <dt>{t("fields.when")}</dt>
                  <dd>
                    {f.fairDate} {f.startsAt}–{f.endsAt}
                  </dd>
                  <dt>{f.mode === "online" ? t("fields.onlineUrl") : t("fields.venue")}</dt>
                  <dd>{f.mode === "online" ? f.onlineUrl : f.venue}</dd>
                  {f.partnerSchool ? (
                    <>
                      <dt>{t("fields.partnerSchool")}</dt>
                      <dd>{f.partnerSchool}</dd>
                    </>
                  ) : null}
                  <dt>{t("fields.booths")}</dt>
                  <dd>{t("list.boothsTaken", { taken: f.approvedBooths, capacity: f.boothCapacity })}</dd>
                </dl>
              </article>
            ))}
          </div>
        )}
      </ListResults>
    </>
  );
}
