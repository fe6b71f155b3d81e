import { STAFF, type Rule } from "./types";

/** Job fairs (booths, pre-registration, check-in, report) and the labour exchange. */
export const fairsAbilities = {
  "fairs.view": "anyone",
  "fairs.manage": STAFF,
  "fairs.requestBooth": ["member"],
  "fairs.decideBooth": STAFF,
  "fairs.preRegister": ["seeker"],
  "fairs.checkIn": STAFF,
  "fairs.report": STAFF,
  "labour.view": ["member", ...STAFF],
  "labour.post": ["member"],
  "labour.place": STAFF,
} as const satisfies Record<string, Rule>;
