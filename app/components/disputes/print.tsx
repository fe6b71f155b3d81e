// The printable documents' frame (client-safe): a screen-only toolbar in the reader's language,
// and the document itself always in Chinese (the court's language), laid out for A4.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { hasLanguage, loadLanguage } from "../../lib/i18n";

export function PrintFrame({ caseId, children }: { caseId: number; children: ReactNode }) {
  const { t } = useTranslation("disputes");
  return (
    <>
      <div className="print-toolbar no-print">
        <span className="muted">{t("print.toolbar")}</span>
        {/* Printing needs JavaScript only for this button: the browser's own Print works without it. */}
        <button type="button" className="btn btn--small" data-print-button>
          {t("print.print")}
        </button>
        <Link to={`/disputes/${caseId}`} className="btn btn--ghost btn--small">
          {t("print.back")}
        </Link>
      </div>
      <article className="print-doc" lang="zh-CN">
        {children}
      </article>
    </>
  );
}

/** The Chinese text of the documents, whatever the reader's language. */
export function useDocumentText() {
  const { i18n } = useTranslation("disputes");
  // The browser holds only the reader's language: an English reader's page first fetches the
  // Chinese strings (the render waits, suspended, and the server's HTML stays on screen meanwhile).
  if (typeof document !== "undefined" && !hasLanguage(i18n, "zh-CN")) throw loadLanguage(i18n, "zh-CN");
  return i18n.getFixedT("zh-CN", "disputes");
}
