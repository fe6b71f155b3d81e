// The printable documents' frame (client-safe): a screen-only toolbar in the reader's language,
// and the document itself always in Chinese (the court's language), laid out for A4.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function PrintFrame({ caseId, children }: { caseId: number; children: ReactNode }) {
  const { t } = useTranslation("disputes");
  return (
    <>
      <div className="print-toolbar no-print">
        <span className="muted">{t("print.toolbar")}</span>
        {/* Printing needs JavaScript only for this button: the browser's own Print works without it. */}
        <button type="button" className="btn btn--small" data-print-button onClick={() => window.print()}>
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
  return i18n.getFixedT("zh-CN", "disputes");
}
