import { can, type Ability, type Actor } from "./permissions";

type NavItem = { to: string; labelKey: string; ability: Ability };

// The header shows only what the policy lets this actor open. Capabilities add their entries here.
const items: NavItem[] = [
  { to: "/my", labelKey: "nav.my", ability: "my.view" },
  { to: "/members", labelKey: "nav.members", ability: "members.view" },
  { to: "/tickets", labelKey: "tickets:nav.tickets", ability: "tickets.list" },
  { to: "/inbox", labelKey: "tickets:nav.inbox", ability: "tickets.inbox" },
  { to: "/visits", labelKey: "tickets:nav.visits", ability: "visits.view" },
  { to: "/reports", labelKey: "tickets:nav.reports", ability: "reports.view" },
  { to: "/directory", labelKey: "nav.directory", ability: "directory.view" },
  { to: "/admin/users", labelKey: "nav.adminUsers", ability: "admin.users" },
  { to: "/admin/tickets", labelKey: "tickets:nav.settings", ability: "tickets.configure" },
  { to: "/admin/audit", labelKey: "nav.audit", ability: "admin.audit" },
];

export function navigationFor(actor: Actor): { to: string; labelKey: string }[] {
  return items.filter((item) => can(actor, item.ability)).map(({ to, labelKey }) => ({ to, labelKey }));
}
