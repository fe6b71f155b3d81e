import { can, type Ability, type Actor } from "./permissions";

type NavItem = { to: string; labelKey: string; ability: Ability };

// The header shows only what the policy lets this actor open. Capabilities add their entries here.
const items: NavItem[] = [
  { to: "/my", labelKey: "nav.my", ability: "my.view" },
  { to: "/members", labelKey: "nav.members", ability: "members.view" },
  { to: "/tickets", labelKey: "tickets:nav.tickets", ability: "tickets.list" },
  { to: "/inbox", labelKey: "tickets:nav.inbox", ability: "tickets.inbox" },
  { to: "/visits", labelKey: "tickets:nav.visits", ability: "visits.view" },
  { to: "/disputes", labelKey: "disputes:nav.disputes", ability: "disputes.list" },
  { to: "/finance", labelKey: "finance:nav.finance", ability: "finance.view" },
  { to: "/disputes/legal", labelKey: "disputes:nav.legal", ability: "legal.view" },
  { to: "/finance/products", labelKey: "finance:nav.products", ability: "finance.products" },
  { to: "/reports", labelKey: "tickets:nav.reports", ability: "reports.view" },
  { to: "/assemblies", labelKey: "governance:nav.assemblies", ability: "assemblies.view" },
  { to: "/elections", labelKey: "governance:nav.elections", ability: "elections.view" },
  { to: "/charters", labelKey: "governance:nav.charters", ability: "charters.view" },
  { to: "/directory", labelKey: "nav.directory", ability: "directory.view" },
  { to: "/jobs", labelKey: "jobs:nav.jobs", ability: "jobs.view" },
  { to: "/jobs/applications", labelKey: "jobs:nav.myApplications", ability: "jobs.myApplications" },
  { to: "/jobs/profile", labelKey: "jobs:nav.profile", ability: "jobs.profile" },
  { to: "/jobs/manage", labelKey: "jobs:nav.manage", ability: "jobs.manage" },
  { to: "/fairs", labelKey: "fairs:nav.fairs", ability: "fairs.view" },
  { to: "/labour-exchange", labelKey: "labour:nav.exchange", ability: "labour.view" },
  { to: "/admin/users", labelKey: "nav.adminUsers", ability: "admin.users" },
  { to: "/admin/tickets", labelKey: "tickets:nav.settings", ability: "tickets.configure" },
  { to: "/admin/audit", labelKey: "nav.audit", ability: "admin.audit" },
];

export function navigationFor(actor: Actor): { to: string; labelKey: string }[] {
  return items.filter((item) => can(actor, item.ability)).map(({ to, labelKey }) => ({ to, labelKey }));
}
