import { useTranslation } from "react-i18next";

export type ListedFile = { id: number | string; name: string; size: number };

/**
 * The files kept on a record (a problem's attachments, a case's evidence, an application's
 * documents), each a download link with its size; `empty` when there is none.
 */
export function FileList({ files, hrefOf, empty }: { files: readonly ListedFile[]; hrefOf: (file: ListedFile) => string; empty: string }) {
  const { t } = useTranslation();
  if (files.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="file-list">
      {files.map((f) => (
        <li key={f.id}>
          <a href={hrefOf(f)} download>
            {t("common:files.download", { name: f.name })}
          </a>{" "}
          <span className="muted small">{`(${Math.max(1, Math.ceil(f.size / 1024))} KB)`}</span>
        </li>
      ))}
    </ul>
  );
}
