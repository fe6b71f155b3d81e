import { STAFF, type Rule } from "./types";

/** Charters, assemblies, motions and elections (app/modules/governance). */
export const governanceAbilities = {
  /** /charters: the adopted texts are public; members also read proposed versions (scoped in the module). */
  "charters.view": "anyone",
  "charters.manage": STAFF,
  /** Propose an amendment to a proposed version: a member representative or staff. */
  "charters.amend": ["member", ...STAFF],
  /** Assemblies and elections of the associations the member's enterprises belong to (scoped in the module). */
  "assemblies.view": ["member", ...STAFF],
  "assemblies.manage": STAFF,
  "assemblies.checkIn": ["member", ...STAFF],
  /** Vote online on a motion: the representative of a checked-in enterprise (or its proxy holder), checked in the module. */
  "assemblies.vote": ["member"],
  "elections.view": ["member", ...STAFF],
  "elections.manage": STAFF,
  /** Nominate, second and accept a nomination. */
  "elections.nominate": ["member", ...STAFF],
  /** Cast the enterprise's ballot: its representative only (checked against the frozen roll). */
  "elections.vote": ["member"],
  /** After the tally: the public bulletin of ballots by receipt, and the results with the announcement. */
  "elections.bulletin": "anyone",
} as const satisfies Record<string, Rule>;
