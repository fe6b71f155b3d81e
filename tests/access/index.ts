// The access matrix: every capability's table, gathered. Add ONE import line and ONE spread per
// capability (tests/access/<area>.ts exporting `routes` and `probes`).
import * as admin from "./admin";
import * as core from "./core";
import * as disputes from "./disputes";
import * as fairs from "./fairs";
import * as jobs from "./jobs";
import * as members from "./members";
import * as tickets from "./tickets";
import * as monitoring from "./monitoring";
import * as governance from "./governance";
import * as finance from "./finance";
import type { ObjectProbe, RouteAccess } from "./types";

const areas: { routes: RouteAccess[]; probes?: ObjectProbe[] }[] = [core, admin, members, jobs, fairs, tickets, monitoring, disputes, governance, finance];

export const routes: RouteAccess[] = areas.flatMap((a) => a.routes);
export const probes: ObjectProbe[] = areas.flatMap((a) => a.probes ?? []);
