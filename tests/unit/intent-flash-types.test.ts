import { describe, expect, expectTypeOf, it } from "vitest";
import * as z from "zod";
import { ok } from "../../app/lib/command.server";
import { intent, type IntentOptions } from "../../app/lib/intents.server";

// runIntent's flash is given, per intent, that intent's command value and parsed form: a route reads
// `input.decision` without a cast. Checked by the compiler (npm run typecheck); the call below by vitest.
const _intents = {
  decide: intent("members.manage", z.object({ decision: z.enum(["approve", "reject"]) }), async () => ok({ id: 7 })),
  note: intent("members.manage", z.object({ text: z.string() }), async () => ok("noted")),
};
type Flash = NonNullable<IntentOptions<typeof _intents>["flash"]>;
type Outcome = Parameters<Flash>[0];

describe("runIntent's flash callback", () => {
  it("sees each intent's own value and input", () => {
    expectTypeOf<Extract<Outcome, { intent: "decide" }>["input"]>().toEqualTypeOf<{ decision: "approve" | "reject" }>();
    expectTypeOf<Extract<Outcome, { intent: "decide" }>["value"]>().toEqualTypeOf<{ id: number }>();
    expectTypeOf<Extract<Outcome, { intent: "note" }>["input"]>().toEqualTypeOf<{ text: string }>();
    expectTypeOf<Extract<Outcome, { intent: "note" }>["value"]>().toEqualTypeOf<string>();
  });
  it("narrows by the intent's name", () => {
    const flash: Flash = ({ intent: name, input }) => (name === "decide" ? `members:flash.change_${input.decision}` : `members:flash.${name}`);
    expect(flash({ intent: "decide", value: { id: 7 }, input: { decision: "reject" } })).toBe("members:flash.change_reject");
    expect(flash({ intent: "note", value: "noted", input: { text: "x" } })).toBe("members:flash.note");
  });
});
