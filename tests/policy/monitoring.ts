import { staffRoles, type PolicyTable } from "./types";

export const table: PolicyTable = {
  "monitoring.view": staffRoles,
  "monitoring.manage": staffRoles,
  "monitoring.import": staffRoles,
  "monitoring.actOnFlag": staffRoles,
  "monitoring.alarm": ["member", "admin", "staff"],
  "monitoring.alarmReport": ["member"],
  "monitoring.alarmConfirm": staffRoles,
  "monitoring.gateways": staffRoles,
  "monitoring.configure": staffRoles,
};
