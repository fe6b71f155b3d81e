import { coreAbilities } from "./permissions/core";
import { jobsAbilities } from "./permissions/jobs";
import { fairsAbilities } from "./permissions/fairs";
import { ticketsAbilities } from "./permissions/tickets";
import { disputesAbilities } from "./permissions/disputes";
import { governanceAbilities } from "./permissions/governance";
import { financeAbilities } from "./permissions/finance";
import type { Actor, Rule } from "./permissions/types";

export type { Actor, Rule } from "./permissions/types";

/**
 * The one access policy. Each capability adds its abilities in app/lib/permissions/<area>.ts;
 * every loader and action asks `can` (through requireAbility in guard.server.ts).
 * Object-level checks (whose record is it) live in the modules' scoped queries, which also
 * consult this file's helpers below.
 */
export const abilities = {
  ...coreAbilities,
  ...jobsAbilities,
  ...fairsAbilities,
  ...ticketsAbilities,
  ...disputesAbilities,
  ...governanceAbilities,
  ...financeAbilities,
} as const satisfies Record<string, Rule>;

export type Ability = keyof typeof abilities;

export function can(actor: Actor, ability: Ability): boolean {
  const rule: Rule = abilities[ability];
  if (rule === "anyone") return true;
  if (rule === "anonymous") return actor === null;
  if (!actor) return false;
  if (rule === "signed-in") return true;
  if (typeof rule === "function") return (rule as (a: NonNullable<Actor>) => boolean)(actor);
  return (rule as readonly string[]).includes(actor.role);
}

export function isStaff(actor: Actor): boolean {
  return actor !== null && (actor.role === "staff" || actor.role === "admin");
}

/** A member user acts only for the enterprises it belongs to; staff act for all. */
export function actsForEnterprise(actor: Actor, enterpriseId: number): boolean {
  if (!actor) return false;
  if (isStaff(actor)) return true;
  return actor.role === "member" && actor.enterpriseIds.includes(enterpriseId);
}
