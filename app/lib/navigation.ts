import { can, type Ability, type Actor } from "./permissions";

type NavItem = { to: string; labelKey: string; ability: Ability };

// The header shows only what the policy lets this actor open. Capabilities add their entries here.
const items: NavItem[] = [
  { to: "/my", labelKey: "nav.my", ability: "my.view" },
  { to: "/members", labelKey: "nav.members", ability: "members.view" },
  { to: "/directory", labelKey: "nav.directory", ability: "directory.view" },
  { to: "/fairs", labelKey: "fairs:nav.fairs", ability: "fairs.view" },
  { to: "/labour-exchange", labelKey: "labour:nav.exchange", ability: "labour.view" },
  { to: "/admin/users", labelKey: "nav.adminUsers", ability: "admin.users" },
  { to: "/admin/audit", labelKey: "nav.audit", ability: "admin.audit" },
];

export function navigationFor(actor: Actor): { to: string; labelKey: string }[] {
  return items.filter((item) => can(actor, item.ability)).map(({ to, labelKey }) => ({ to, labelKey }));
}
