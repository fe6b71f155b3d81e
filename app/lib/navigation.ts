import { can, type Ability, type Actor } from "./permissions";

/** `label` is the text, translated by the server: the header then needs no namespace in the browser. */
export type NavItem = { to: string; labelKey: string; label?: string };
/** A header entry: one link, or a named menu of links (shown as a dropdown, inline on a phone). */
export type NavEntry = { labelKey: string; label?: string; items: NavItem[] };

/** The entries with their texts (a hydrated page loads only its own namespaces: decision 034). */
export function withLabels(entries: NavEntry[], t: (key: string) => string): NavEntry[] {
  return entries.map((entry) => ({ ...entry, label: t(entry.labelKey), items: entry.items.map((item) => ({ ...item, label: t(item.labelKey) })) }));
}

type Group = "members" | "services" | "finance" | "disputes" | "jobs" | "governance" | "admin";
type Item = NavItem & { ability: Ability; group?: Group };

const groupLabels: Record<Group, string> = {
  members: "nav.groups.members",
  services: "nav.groups.services",
  finance: "nav.groups.finance",
  disputes: "nav.groups.disputes",
  jobs: "nav.groups.jobs",
  governance: "nav.groups.governance",
  admin: "nav.groups.admin",
};

// The header shows only what the policy lets this actor open. Capabilities add their entries here.
const items: Item[] = [
  { to: "/today", labelKey: "nav.today", ability: "today.view" },
  { to: "/my", labelKey: "nav.my", ability: "my.view" },
  { to: "/members", labelKey: "nav.members", ability: "members.view", group: "members" },
  { to: "/directory", labelKey: "nav.directory", ability: "directory.view", group: "members" },
  { to: "/tickets", labelKey: "tickets:nav.tickets", ability: "tickets.list", group: "services" },
  { to: "/inbox", labelKey: "tickets:nav.inbox", ability: "tickets.inbox", group: "services" },
  { to: "/visits", labelKey: "tickets:nav.visits", ability: "visits.view", group: "services" },
  { to: "/finance", labelKey: "finance:nav.finance", ability: "finance.view", group: "finance" },
  { to: "/finance/products", labelKey: "finance:nav.products", ability: "finance.products", group: "finance" },
  { to: "/disputes", labelKey: "disputes:nav.disputes", ability: "disputes.list", group: "disputes" },
  { to: "/disputes/legal", labelKey: "disputes:nav.legal", ability: "legal.view", group: "disputes" },
  { to: "/jobs", labelKey: "jobs:nav.jobs", ability: "jobs.view", group: "jobs" },
  { to: "/jobs/applications", labelKey: "jobs:nav.myApplications", ability: "jobs.myApplications", group: "jobs" },
  { to: "/jobs/profile", labelKey: "jobs:nav.profile", ability: "jobs.profile", group: "jobs" },
  { to: "/jobs/manage", labelKey: "jobs:nav.manage", ability: "jobs.manage", group: "jobs" },
  { to: "/fairs", labelKey: "fairs:nav.fairs", ability: "fairs.view", group: "jobs" },
  { to: "/labour-exchange", labelKey: "labour:nav.exchange", ability: "labour.view", group: "jobs" },
  { to: "/assemblies", labelKey: "governance:nav.assemblies", ability: "assemblies.view", group: "governance" },
  { to: "/elections", labelKey: "governance:nav.elections", ability: "elections.view", group: "governance" },
  { to: "/charters", labelKey: "governance:nav.charters", ability: "charters.view", group: "governance" },
  { to: "/monitoring", labelKey: "monitoring:nav.monitoring", ability: "monitoring.view" },
  { to: "/reports", labelKey: "tickets:nav.reports", ability: "reports.view" },
  { to: "/admin/users", labelKey: "nav.adminUsers", ability: "admin.users", group: "admin" },
  { to: "/admin/tickets", labelKey: "tickets:nav.settings", ability: "tickets.configure", group: "admin" },
  { to: "/admin/associations", labelKey: "nav.associations", ability: "admin.settings", group: "admin" },
  { to: "/admin/gateways", labelKey: "monitoring:nav.gateways", ability: "monitoring.gateways", group: "admin" },
  { to: "/admin/monitoring", labelKey: "monitoring:nav.thresholds", ability: "monitoring.configure", group: "admin" },
  { to: "/admin/audit", labelKey: "nav.audit", ability: "admin.audit", group: "admin" },
];

/** Up to this many links fit in one row as they are; more are folded into the group menus. */
const FLAT_LIMIT = 7;

/**
 * The header entries for an actor, in order. Staff see ~25 pages: folded into menus they fit one
 * row at 1366 px. A group with one visible page is a plain link; a visitor's few pages stay flat.
 */
export function navigationFor(actor: Actor): NavEntry[] {
  const visible = items.filter((item) => can(actor, item.ability));
  const link = ({ to, labelKey }: Item): NavEntry => ({ labelKey, items: [{ to, labelKey }] });
  if (visible.length <= FLAT_LIMIT) return visible.map(link);
  const entries: NavEntry[] = [];
  const byGroup = new Map<Group, NavEntry>();
  for (const item of visible) {
    if (!item.group) {
      entries.push(link(item));
      continue;
    }
    let entry = byGroup.get(item.group);
    if (!entry) {
      entry = { labelKey: groupLabels[item.group], items: [] };
      byGroup.set(item.group, entry);
      entries.push(entry);
    }
    entry.items.push({ to: item.to, labelKey: item.labelKey });
  }
  return entries.map((entry) => (entry.items.length === 1 ? { labelKey: entry.items[0]!.labelKey, items: entry.items } : entry));
}

/** The one page the header marks as current: the longest entry that the path is, or lies under. */
export function currentNavPath(entries: NavEntry[], pathname: string): string | null {
  let best: string | null = null;
  for (const entry of entries)
    for (const { to } of entry.items) if ((pathname === to || pathname.startsWith(`${to}/`)) && (!best || to.length > best.length)) best = to;
  return best;
}
