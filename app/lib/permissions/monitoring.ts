import { STAFF, type Rule } from "./types";

/** Industry monitoring: meters, readings, flags, buildings and passage alarms, gateways. */
export const monitoringAbilities = {
  /** /monitoring, one firm's series, the meter exceptions, buildings, alarm lists. */
  "monitoring.view": STAFF,
  /** Add and bind meters, edit rental filing and deposits. */
  "monitoring.manage": STAFF,
  /** CSV imports of readings, tax, headcount and premises. */
  "monitoring.import": STAFF,
  /** A flag turned into a visit or a problem (the tickets module records it). */
  "monitoring.actOnFlag": STAFF,
  /** One alarm's violation notice: staff, and the users of the tenant enterprise (scoped in the module). */
  "monitoring.alarm": ["member", ...STAFF],
  /** The tenant sends a photo of the cleared passage (never closes the alarm). */
  "monitoring.alarmReport": ["member"],
  /** Staff confirm a passage is clear: the alarm closes. */
  "monitoring.alarmConfirm": STAFF,
  /** Gateway tokens: created and revoked by staff at /admin/gateways. */
  "monitoring.gateways": STAFF,
  /** Flag thresholds at /admin/monitoring. */
  "monitoring.configure": STAFF,
} as const satisfies Record<string, Rule>;
