import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { FileList, type ListedFile } from "../../app/components/file-list";
import { createI18n, type Language } from "../../app/lib/i18n";

function render(lng: Language, files: ListedFile[]) {
  return renderToString(
    <I18nextProvider i18n={createI18n(lng)}>
      <FileList files={files} hrefOf={(f) => `/tickets/7/attachments/${f.id}`} empty="Nothing attached." />
    </I18nextProvider>,
  );
}

describe("the file list of a record", () => {
  it("links each file for download with its name and size, in the page's language", () => {
    const files = [
      { id: 3, name: "送货单.pdf", size: 2_500 },
      { id: 4, name: "a=b;c.png", size: 10 },
    ];
    const zh = render("zh-CN", files);
    expect(zh).toContain('href="/tickets/7/attachments/3" download=""');
    expect(zh).toContain("下载 送货单.pdf");
    expect(zh).toContain("(3 KB)");
    // A file under 1 KB is not "0 KB".
    expect(zh).toContain("(1 KB)");
    expect(render("en", files)).toContain("Download a=b;c.png");
  });

  it("says so when there is no file", () => {
    const html = render("en", []);
    expect(html).toContain("Nothing attached.");
    expect(html).not.toContain("<ul");
  });
});
