import { Form, Link, useLocation, useNavigation, type FormProps } from "@remix-run/react";
import { useId, type AnchorHTMLAttributes, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function PageHeader({ title, lead, actions }: { title: string; lead?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {lead ? <p>{lead}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}

export type Tone = "neutral" | "info" | "success" | "warn" | "danger";

export function Badge({ tone = "neutral", children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty" role="status">
      <strong>{title}</strong>
      {children}
    </div>
  );
}

export function Alert({ tone = "info", children }: { tone?: "info" | "success" | "warn" | "error"; children: ReactNode }) {
  return (
    <div className={`alert alert--${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

/**
 * The anchor a list repeats per row (a row's title, a sort header, a page number). No page hydrates
 * (decisions 034, 036), so Remix's <Link> renders just this <a> for an absolute path, after its
 * per-link hooks (location, path resolving, prefetch, navigation): ~4-5 % of a 50-row staff
 * list's CPU (issue 17). Absolute paths only ("/…"): a relative one would need the route's resolving.
 */
export function ListLink({ to, children, ...rest }: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: `/${string}` }) {
  return (
    <a href={to} {...rest}>
      {children}
    </a>
  );
}

/** Server-side pagination links that keep the current filters in the URL. */
export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params}` as `/${string}`;
  };
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      <span>{t("pagination.summary", { from, to, total })}</span>
      {pages > 1 ? (
        <span className="pagination__links">
          {page > 1 ? (
            <ListLink to={hrefFor(page - 1)} rel="prev">
              {t("pagination.prev")}
            </ListLink>
          ) : null}
          {shown.map((p) =>
            p === page ? (
              <span key={p} className="current" aria-current="page">
                {p}
              </span>
            ) : (
              <ListLink key={p} to={hrefFor(p)}>
                {p}
              </ListLink>
            ),
          )}
          {page < pages ? (
            <ListLink to={hrefFor(page + 1)} rel="next">
              {t("pagination.next")}
            </ListLink>
          ) : null}
        </span>
      ) : null}
    </nav>
  );
}

/**
 * A destructive or final action asks once more before it posts. Built on <details> so it
 * works without JavaScript (the summary then stays in view and reads "Cancel" while open).
 * With JavaScript the box has its own Cancel button, and Esc closes it; either way the focus
 * goes back to the button that opened it.
 */
export function ConfirmAction({
  label,
  question,
  confirmLabel,
  intent,
  action,
  danger,
  open,
  children,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  intent: string;
  action?: string;
  danger?: boolean;
  /** Drawn open: after a refused submit, so its error is in view without JavaScript. */
  open?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const questionId = useId();
  // Cancel, Esc and the focus are the page script's (app/lib/enhance.ts): the same without React.
  return (
    <details className="confirm confirm--action" open={open || undefined}>
      <summary className={`btn btn--small ${danger ? "btn--danger" : "btn--ghost"}`}>
        <span className="confirm__label">{label}</span>
        <span className="confirm__cancel-label">{t("confirm.cancel")}</span>
      </summary>
      <Form method="post" action={action} className="confirm__box" role="group" aria-labelledby={questionId}>
        <p id={questionId}>{question}</p>
        {children}
        <div className="form-actions">
          <button
            type="submit"
            name="intent"
            value={intent}
            className={`btn btn--small ${danger ? "btn--danger" : ""}`}
            disabled={navigation.state === "submitting"}
          >
            {confirmLabel}
          </button>
          <button type="button" className="btn btn--small btn--ghost confirm__cancel">
            {t("confirm.cancel")}
          </button>
        </div>
      </Form>
    </details>
  );
}

/** The buttons under every list filter: apply (submit) and clear (back to the bare URL of this page). */
export function FilterActions({ submitLabel }: { submitLabel?: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn--small">
        {submitLabel ?? t("common:forms.filter")}
      </button>
      <Link to={location.pathname} className="btn btn--ghost btn--small">
        {t("common:forms.reset")}
      </Link>
    </div>
  );
}

// Paging, ordering and tabs are not filters a reader set, so the folded button does not count them.
const notFilters = new Set(["page", "sort", "dir", "tab"]);

/**
 * A list's filter form (method get). On a phone it folds behind one button that says how many
 * filters are set, so the first results are on the first screen; it works without JavaScript.
 */
export function FilterForm({ className, children, ...props }: Omit<FormProps, "method"> & { children: ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  const { search } = useLocation();
  const set = [...new URLSearchParams(search)].filter(([key, value]) => value !== "" && !notFilters.has(key)).length;
  return (
    <div className="filters-fold">
      <input type="checkbox" id={id} className="filters-fold__toggle" />
      <label htmlFor={id} className="btn btn--ghost btn--small filters-fold__button">
        {set > 0 ? t("common:forms.filtersFoldSet", { count: set }) : t("common:forms.filtersFold")}
      </label>
      <Form method="get" className={className ? `filters ${className}` : "filters"} {...props}>
        {children}
      </Form>
    </div>
  );
}

/** Prints the page (the print stylesheet lays it out for A4); the browser's own Print works without JavaScript. */
export function PrintButton({ label }: { label: string }) {
  return (
    // The page script (app/lib/enhance.ts) prints: most pages are not hydrated.
    <button type="button" className="btn btn--ghost btn--small no-print" data-print-button>
      {label}
    </button>
  );
}
