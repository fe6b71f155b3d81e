import { roles } from "../../db/schema/accounts";

export type Who = "anonymous" | (typeof roles)[number];
export const everyone: Who[] = ["anonymous", ...roles];
export const signedInRoles: Who[] = [...roles];
export const staffRoles: Who[] = ["admin", "staff"];
/** For each ability of one capability, who may. */
export type PolicyTable = Record<string, Who[]>;
