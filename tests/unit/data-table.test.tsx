import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, sortHref, type Column } from "../../app/components/data-table";
import { createI18n } from "../../app/lib/i18n";

type Row = { id: number; name: string; employees: number };
const columns: Column<Row>[] = [
  { key: "name", header: "Name", sortKey: "name", cell: (r) => r.name },
  { key: "employees", header: "Employees", sortKey: "employees", align: "end", cell: (r) => r.employees },
  { key: "note", header: "Note", cell: () => "—" },
];
const rows: Row[] = [
  { id: 1, name: "云江鞋业", employees: 120 },
  { id: 2, name: "Sole Co", employees: 8 },
];

function render(url: string, props: Partial<Parameters<typeof DataTable<Row>>[0]> = {}) {
  return renderToString(
    <I18nextProvider i18n={createI18n("en")}>
      <StaticRouter location={url}>
        <DataTable<Row>
          label="Members"
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          sort={{ key: "name", dir: "asc" }}
          empty={{ title: "No members", body: "Change the filters." }}
          pagination={{ page: 1, pageSize: 20, total: 2 }}
          {...props}
        />
      </StaticRouter>
    </I18nextProvider>,
  );
}

/** The opening tags of every <th> in the head, in order. */
function headerCells(html: string): string[] {
  const thead = html.slice(html.indexOf("<thead>"), html.indexOf("</thead>"));
  return [...thead.matchAll(/<th\b[^>]*>/g)].map((m) => m[0]);
}

describe("DataTable", () => {
  it("puts aria-sort on the active header cell only, never on the link", () => {
    const html = render("/members?q=shoe&sort=name&dir=asc&page=3");
    const [name, employees, note] = headerCells(html);
    expect(name).toContain('aria-sort="ascending"');
    expect(employees).not.toContain("aria-sort");
    expect(note).not.toContain("aria-sort");
    expect(html).not.toMatch(/<a\b[^>]*aria-sort/);
  });

  it("says descending when the sort is descending", () => {
    const html = render("/members?sort=employees&dir=desc", { sort: { key: "employees", dir: "desc" } });
    expect(headerCells(html)[1]).toContain('aria-sort="descending"');
  });

  it("builds sort links from the current query: filters kept, page dropped, direction toggled on the active column", () => {
    const html = render("/members?q=shoe&sort=name&dir=asc&page=3");
    expect(html).toContain('href="/members?q=shoe&amp;sort=name&amp;dir=desc"');
    expect(html).toContain('href="/members?q=shoe&amp;sort=employees&amp;dir=asc"');
    expect(html).not.toMatch(/href="[^"]*page=3/);
    // A column without a sort key has no link.
    expect(headerCells(html)[2]).not.toContain("data-sortable");
  });

  it("sortHref honours other parameter names", () => {
    expect(sortHref({ pathname: "/x", search: "?order=a&way=asc" }, "a", { key: "a", dir: "asc" }, { sort: "order", dir: "way" })).toBe("/x?order=a&way=desc");
    expect(sortHref({ pathname: "/x", search: "" }, "b", undefined)).toBe("/x?sort=b&dir=asc");
  });

  it("right-aligns number columns and labels every cell for the phone layout", () => {
    const html = render("/members");
    expect(html).toMatch(/<td class="num" data-label="Employees">120<\/td>/);
    expect(html).toMatch(/<td data-label="Name">云江鞋业<\/td>/);
  });

  it("names the table and its scroll region, which takes keyboard focus", () => {
    const html = render("/members");
    const region = html.match(/<div[^>]*role="region"[^>]*>/)?.[0] ?? "";
    expect(region).toContain('tabindex="0"');
    expect(region).toContain('aria-label="Members"');
    expect(html).toMatch(/<table class="table" aria-label="Members">/);
    expect(html).not.toContain("<caption");
  });

  it("shows the label as a caption when asked, and names the table by it", () => {
    const html = render("/members", { showCaption: true });
    const id = html.match(/<caption id="([^"]+)">Members<\/caption>/)?.[1];
    expect(id).toBeTruthy();
    expect(html).toContain(`role="region" aria-labelledby="${id}"`);
  });

  it("shows the empty state instead of the table, with the pager", () => {
    const html = render("/members?q=none", { rows: [], pagination: { page: 1, pageSize: 20, total: 0 } });
    expect(html).not.toContain("<table");
    expect(html).toContain("No members");
    expect(html).toContain("Change the filters.");
    expect(html).toContain('aria-label="Pagination"');
  });

  it("renders the pager with links that keep the filters", () => {
    const html = render("/members?q=shoe", { pagination: { page: 1, pageSize: 1, total: 2 } });
    expect(html).toContain('href="/members?q=shoe&amp;page=2"');
  });
});
