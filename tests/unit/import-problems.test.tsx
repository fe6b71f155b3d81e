import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { ImportProblems } from "../../app/components/import-problems";
import type { ImportProblem } from "../../app/lib/import-problem";
import { createI18n, type Language } from "../../app/lib/i18n";

function render(lng: Language, problems: ImportProblem[]) {
  return renderToString(
    <I18nextProvider i18n={createI18n(lng)}>
      <StaticRouter location="/members/import">
        <ImportProblems problems={problems} />
      </StaticRouter>
    </I18nextProvider>,
  );
}

const problems: ImportProblem[] = [
  { line: 1, column: "credit_code", message: "members:import.missingColumn" },
  { line: 3, column: "association_code", message: "forms.required" },
  { line: 4, column: null, message: 'members:import.tooMany|{"max":5000}' },
];

// The members, financing-needs and monitoring imports refuse a file as a whole with this table.
describe("the problems of a refused import", () => {
  it("counts them and lists each by line and column, with the reason in the page's language", () => {
    const zh = render("zh-CN", problems);
    expect(zh).toContain('role="alert"');
    expect(zh).toContain("发现 3 处问题");
    expect(zh).toContain("第 3 行");
    expect(zh).toContain("association_code");
    expect(zh).toContain("缺少必填列");
    expect(zh).toContain("必填"); // a bare forms.* message is the shared one
    expect(zh).toContain("—"); // no column
    const en = render("en", problems);
    expect(en).toContain("3 problems found");
    expect(en).toContain("Line 3");
    expect(en).toContain("At most 5000 lines");
    expect(render("en", problems.slice(0, 1))).toContain("1 problem found. Fix it");
  });

  it("shows nothing when there is no problem", () => {
    expect(render("en", [])).toBe("");
  });
});
