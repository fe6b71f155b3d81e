import { Link, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { currentNavPath, type NavEntry } from "../lib/navigation";

/**
 * The header's navigation: links and <details> menus, so it works before (or without) JavaScript.
 * Exactly one link is marked current. The page script (app/lib/enhance.ts) keeps one menu open
 * and closes it on a click elsewhere or Esc; on a hydrated page, menus close after navigating too.
 */
export function SiteNav({ entries }: { entries: NavEntry[] }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const current = currentNavPath(entries, pathname);
  const nav = useRef<HTMLElement>(null);

  useEffect(() => {
    nav.current?.querySelectorAll("details[open]").forEach((d) => d.removeAttribute("open"));
    const toggle = document.getElementById("nav-toggle") as HTMLInputElement | null;
    if (toggle) toggle.checked = false;
  }, [pathname]);

  const link = ({ to, labelKey, label }: { to: string; labelKey: string; label?: string }) => (
    <Link key={to} to={to} prefetch="intent" className={to === current ? "active" : undefined} aria-current={to === current ? "page" : undefined}>
      {label ?? t(labelKey)}
    </Link>
  );

  return (
    <nav className="site-nav" aria-label={t("layout.mainNav")} ref={nav}>
      {entries.map((entry) => {
        if (entry.items.length === 1) return link(entry.items[0]!);
        const holdsCurrent = entry.items.some((item) => item.to === current);
        return (
          <details key={entry.labelKey} className="nav-group">
            <summary className={holdsCurrent ? "active" : undefined}>{entry.label ?? t(entry.labelKey)}</summary>
            <div className="nav-group__menu">{entry.items.map((item) => link(item))}</div>
          </details>
        );
      })}
    </nav>
  );
}
