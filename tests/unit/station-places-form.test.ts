import { describe, expect, it } from "vitest";
import { stationPlacesSchema } from "../../app/modules/disputes/forms";
import { parseForm } from "../../app/lib/validation";

function form(...stations: string[]): FormData {
  const f = new FormData();
  f.set("intent", "set-stations");
  for (const s of stations) f.append("station", s);
  return f;
}

// An admin's "stations this user works at" checkboxes: none, one or several ids.
describe("the station places form", () => {
  it("reads none, one and several ticked stations as ids", () => {
    expect(parseForm(stationPlacesSchema, form())).toEqual({ ok: true, data: { station: [] } });
    expect(parseForm(stationPlacesSchema, form("3"))).toEqual({ ok: true, data: { station: [3] } });
    expect(parseForm(stationPlacesSchema, form("3", "1", "3"))).toEqual({ ok: true, data: { station: [3, 1, 3] } });
  });

  it.each([["0"], ["1.5"], ["2147483648"], ["x"], [""]])("refuses %j as a station, on the stations field", (bad) => {
    const parsed = parseForm(stationPlacesSchema, form("1", bad));
    expect(parsed.ok).toBe(false);
    // A bare shared form key, like the other disputes schemas: the page reads it in common.
    if (!parsed.ok) expect(parsed.errors).toEqual({ station: "forms.invalid" });
  });
});
