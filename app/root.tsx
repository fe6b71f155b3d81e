import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { sessionState } from "./lib/auth.server";
import { applyLanguage, detectLanguage, translator, type Language } from "./lib/i18n";
import { navigationFor, withLabels, type NavEntry } from "./lib/navigation";
import { SiteNav } from "./components/site-nav";
import { countUnread } from "./modules/notifications/notifications.server";
import { useNonce } from "./components/nonce";
import styles from "./styles/app.css";
import { siteTitle } from "./lib/page-title";
import { readFlash } from "./lib/flash.server";
import { FlashMessage, type FlashData } from "./components/flash";
import { enhanceScript } from "./lib/enhance";
import { pageHydrates, pageNamespaces } from "./lib/hydration";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ matches }) => siteTitle(matches);

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, setCookie } = await sessionState(request);
  const lng = detectLanguage(request);
  const unread = actor ? await countUnread(actor.userId) : 0;
  const { flash, clear } = readFlash(request);
  const payload: RootData = {
    lng,
    user: actor ? { name: actor.displayName, role: actor.role, email: actor.email } : null,
    unread,
    nav: withLabels(navigationFor(actor), translator(lng)),
    flash,
  };
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (clear) headers.append("Set-Cookie", clear);
  return data(payload, { headers });
}

export type RootData = {
  lng: Language;
  user: { name: string; role: string; email: string } | null;
  unread: number;
  nav: NavEntry[];
  flash: FlashData;
};

export function useRootData() {
  return useRouteLoaderData("root") as RootData | undefined;
}

function LanguageSwitch({ lng }: { lng: Language }) {
  const { t } = useTranslation();
  const location = useLocation();
  const other: Language = lng === "zh-CN" ? "en" : "zh-CN";
  const params = new URLSearchParams(location.search);
  params.set("lng", other);
  return (
    <a className="lang-switch" href={`${location.pathname}?${params}`} hrefLang={other} lang={other}>
      {t("layout.switchLanguage")}
    </a>
  );
}

function Header({ data }: { data: RootData | undefined }) {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            云
          </span>
          <span className="brand__text">
            <strong>{t("layout.brand")}</strong>
            <small>{t("layout.brandSub")}</small>
          </span>
        </Link>
        <input type="checkbox" id="nav-toggle" className="nav-toggle" aria-label={t("layout.menu")} />
        <label htmlFor="nav-toggle" className="nav-toggle__label">
          {t("layout.menu")}
        </label>
        <SiteNav entries={data?.nav ?? []} />
        <div className="site-header__tools">
          {data?.lng ? <LanguageSwitch lng={data.lng} /> : null}
          {data?.user ? (
            <>
              {/* Named by hidden text, not aria-label: the badge's digits are visible text an aria-label would have to repeat word for word. */}
              <Link to="/notifications" className="bell">
                <span className="visually-hidden">{t("layout.notifications", { count: data.unread })}</span>
                <svg
                  aria-hidden="true"
                  width="20"
                  height="20"
                  viewBox="0 0 24 24"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                >
                  <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
                  <path d="M13.7 21a2 2 0 0 1-3.4 0" />
                </svg>
                {data.unread > 0 ? (
                  <span className="bell__count" aria-hidden="true">
                    {data.unread > 99 ? "99+" : data.unread}
                  </span>
                ) : null}
              </Link>
              <span className="user-chip" title={data.user.email}>
                {data.user.name} · {t(`roles.${data.user.role}`)}
              </span>
              <form method="post" action="/logout">
                <button type="submit" className="btn btn--ghost btn--small">
                  {t("layout.logout")}
                </button>
              </form>
            </>
          ) : (
            <>
              <Link to="/login" className="btn btn--small">
                {t("layout.login")}
              </Link>
              <Link to="/register" className="btn btn--ghost btn--small">
                {t("layout.register")}
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

let documentLoad: Promise<never> | null = null;
/** Loads the current URL as a document, once; the promise never settles (the page is replaced). */
function loadDocument(): Promise<never> {
  if (!documentLoad) {
    documentLoad = new Promise<never>(() => {});
    window.location.reload();
  }
  return documentLoad;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  const { i18n, t } = useTranslation();
  const lng = data?.lng ?? "zh-CN";
  const matches = useMatches();
  const hydrates = pageHydrates(matches);
  // In the browser, follow a language change; the server's instances are per language and shared.
  // The other language's strings are loaded first: the navigation waits (suspends) until they are there.
  if (typeof document !== "undefined") {
    // Left a hydrated page for one that is not: the server renders it (it has its strings).
    if (!hydrates) throw loadDocument();
    const loading = applyLanguage(i18n, lng);
    if (loading) throw loading;
  }
  return (
    <html lang={lng} data-namespaces={hydrates ? pageNamespaces(matches).join(" ") : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("layout.skip")}
        </a>
        <Header data={data} />
        <main id="main" className="site-main">
          <FlashMessage flash={data?.flash ?? null} />
          {children}
        </main>
        <footer className="site-footer">
          <p>{t("layout.footer")}</p>
        </footer>
        {/* Our own script's text (app/lib/enhance.ts), no user input. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: enhanceScript }} />
        {hydrates ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  // Marks the page as interactive (client validation, confirmations): tests wait for it.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const { i18n } = useTranslation();
  const here = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 400 ? "badRequest" : status === 503 ? "unavailable" : "serverError";
  // A database outage also fails the root loader: the header has no language switch then.
  const lng: Language = i18n.language === "en" ? "en" : "zh-CN";
  return (
    <section className="error-page">
      <p className="error-page__code">{status}</p>
      <h1>{t(`errors.${key}.title`)}</h1>
      <p>{t(`errors.${key}.body`)}</p>
      <p>
        {status === 503 ? (
          <a href={here.pathname + here.search} className="btn">
            {t("errors.tryAgain")}
          </a>
        ) : (
          <Link to="/" className="btn">
            {t("errors.backHome")}
          </Link>
        )}{" "}
        {status === 503 ? <LanguageSwitch lng={lng} /> : null}
      </p>
    </section>
  );
}
