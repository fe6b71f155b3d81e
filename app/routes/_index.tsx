import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { homePathFor } from "../lib/auth.server";
import { requireAbility } from "../lib/guard.server";
import { publicFigures } from "../modules/members/figures.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAbility(request, "home.view");
  // A signed-in visitor is offered its own start page first (where sign-in takes it).
  const start = actor ? { to: homePathFor(actor), role: actor.role } : null;
  return { figures: await publicFigures(), start };
}

export default function Home() {
  const { t } = useTranslation();
  const { figures, start } = useLoaderData<typeof loader>();
  const stats = [
    [figures.centreMembers, "home.centreMembers"],
    [figures.aboveSize, "home.aboveSize"],
    [figures.districtEnterprises, "home.districtEnterprises"],
    [figures.chambers, "home.chambers"],
  ] as const;
  return (
    <>
      {start && start.to !== "/" ? (
        <p className="alert alert--info home-start">
          {t("home.continue", { role: t(`roles.${start.role}`) })}{" "}
          <Link to={start.to} className="btn btn--small">
            {t("home.continueLink")}
          </Link>
        </p>
      ) : null}
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p>{t("home.lead")}</p>
        <div className="form-actions">
          <Link to="/join" className="btn">
            {t("home.join")}
          </Link>
          <Link to="/directory" className="btn btn--ghost">
            {t("home.directory")}
          </Link>
        </div>
      </section>
      <h2>{t("home.figures")}</h2>
      <div className="grid">
        {stats.map(([value, label]) => (
          <div className="stat" key={label}>
            <div className="stat__value">{value}</div>
            <div className="stat__label">{t(label)}</div>
          </div>
        ))}
      </div>
      <section className="card" style={{ marginTop: "1.5rem" }}>
        <h2>{t("home.forWhom")}</h2>
        <ul>
          <li>{t("home.forMembers")}</li>
          <li>{t("home.forStaff")}</li>
          <li>{t("home.forPartners")}</li>
          <li>{t("home.forSeekers")}</li>
        </ul>
      </section>
    </>
  );
}
