import { everyone, staffRoles, type PolicyTable } from "./types";

export const table: PolicyTable = {
  "fairs.view": everyone,
  "fairs.manage": staffRoles,
  "fairs.requestBooth": ["member"],
  "fairs.decideBooth": staffRoles,
  "fairs.preRegister": ["seeker"],
  "fairs.checkIn": staffRoles,
  "fairs.report": staffRoles,
  "labour.view": ["member", ...staffRoles],
  "labour.post": ["member"],
  "labour.place": staffRoles,
};
