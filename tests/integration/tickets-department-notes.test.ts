// Issue 11, item 5: a department sees a problem's public events, its own, and staff's notes
// addressed to it; nothing of another department's exchange with staff.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client.server";
import { seedDemo } from "../../db/seed/demo.server";
import { loadActor } from "../../app/lib/auth.server";
import { acceptTicket, addComment, getTicket, referTicket, returnTicket, submitTicket } from "../../app/modules/tickets/tickets.server";
import type { Actor } from "../../app/lib/permissions";

type A = NonNullable<Actor>;
let staff: A, member: A, taxDept: A, courtDept: A;

describe("what a department reads on a problem's timeline", () => {
  beforeAll(async () => {
    const db = await getDb();
    await db.transaction((tx) => seedDemo(tx, 2026));
    staff = (await loadActor("demo-staff"))!;
    member = (await loadActor("demo-member"))!;
    taxDept = (await loadActor("demo-dept"))!;
    courtDept = (await loadActor("demo-dept-court"))!;
  });

  it("after tax returns a problem and staff refer it to the court, the court sees none of the tax exchange", async () => {
    const submitted = await submitTicket(member, {
      enterpriseId: member.enterpriseIds[0],
      category: "legal_rights",
      title: "合同纠纷",
      description: "供应商拖欠货款。",
      urgency: "normal",
      visitId: null,
    });
    if (!submitted.ok) throw new Error(submitted.error.code);
    const id = submitted.value.id;
    await acceptTicket(staff, id, { category: "legal_rights", priority: "normal", handlerId: staff.userId });
    await referTicket(staff, id, { departmentId: taxDept.departmentId!, note: "致税务：请核实发票-内部" });
    await addComment(staff, id, { body: "给税务的补充说明-内部", internal: true });
    await addComment(taxDept, id, { body: "税务内部讨论-内部", internal: true });
    await returnTicket(taxDept, id, "税务退回理由-内部");
    await addComment(staff, id, { body: "员工之间的备注-内部", internal: true });
    await referTicket(staff, id, { departmentId: courtDept.departmentId!, note: "致法院：请调解-内部" });
    await addComment(staff, id, { body: "给法院的补充说明-内部", internal: true });
    await addComment(courtDept, id, { body: "法院自己的备注-内部", internal: true });
    await addComment(staff, id, { body: "公开回复企业", internal: false });

    const court = await getTicket(courtDept, id);
    const courtBodies = court!.events.map((e) => e.body ?? "");
    for (const own of ["致法院：请调解-内部", "给法院的补充说明-内部", "法院自己的备注-内部", "公开回复企业"]) expect(courtBodies, own).toContain(own);
    for (const other of ["致税务：请核实发票-内部", "给税务的补充说明-内部", "税务内部讨论-内部", "税务退回理由-内部", "员工之间的备注-内部"]) {
      expect(courtBodies, other).not.toContain(other);
    }
    // Staff see everything; the enterprise sees no internal note at all.
    const all = (await getTicket(staff, id))!.events.map((e) => e.body ?? "");
    for (const body of ["致税务：请核实发票-内部", "税务退回理由-内部", "法院自己的备注-内部", "员工之间的备注-内部"]) expect(all).toContain(body);
    const theirs = (await getTicket(member, id))!.events;
    expect(theirs.filter((e) => e.internal)).toEqual([]);
    expect(theirs.map((e) => e.body)).toContain("公开回复企业");
  });
});
