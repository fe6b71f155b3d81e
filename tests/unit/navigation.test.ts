import { describe, expect, it } from "vitest";
import { currentNavPath, navigationFor } from "../../app/lib/navigation";
import { actorOf } from "../support/actors";

describe("the header navigation", () => {
  it("folds staff's many pages into menus, and a group with one page into a plain link", () => {
    const entries = navigationFor(actorOf("staff"));
    expect(entries.length).toBeLessThanOrEqual(11);
    const finance = entries.find((e) => e.labelKey === "nav.groups.finance");
    expect(finance?.items.map((i) => i.to)).toEqual(["/finance", "/finance/products"]);
    expect(entries.find((e) => e.items.some((i) => i.to === "/monitoring"))?.items).toHaveLength(1);
  });

  it("keeps a visitor's few pages flat", () => {
    const entries = navigationFor(null);
    expect(entries.every((e) => e.items.length === 1)).toBe(true);
    expect(entries.map((e) => e.items[0]!.to)).toContain("/jobs");
  });

  it("never shows a page the policy refuses", () => {
    const paths = navigationFor(actorOf("department")).flatMap((e) => e.items.map((i) => i.to));
    expect(paths).toContain("/inbox");
    expect(paths).not.toContain("/members");
  });

  it("marks exactly one page: the longest entry the path is or lies under", () => {
    const entries = navigationFor(actorOf("staff"));
    expect(currentNavPath(entries, "/finance/products/3")).toBe("/finance/products");
    expect(currentNavPath(entries, "/finance/needs/2")).toBe("/finance");
    expect(currentNavPath(entries, "/jobs/manage/applications/5")).toBe("/jobs/manage");
    expect(currentNavPath(entries, "/jobsearch")).toBeNull();
    expect(currentNavPath(entries, "/")).toBeNull();
  });
});
