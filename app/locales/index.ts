import enCommon from "./en/common.json";
import enAuth from "./en/auth.json";
import enMembers from "./en/members.json";
import enAdmin from "./en/admin.json";
import zhCommon from "./zh-CN/common.json";
import zhAuth from "./zh-CN/auth.json";
import zhMembers from "./zh-CN/members.json";
import zhAdmin from "./zh-CN/admin.json";
import enTickets from "./en/tickets.json";
import zhTickets from "./zh-CN/tickets.json";

// One namespace per capability keeps parallel work on the locales out of each other's way.
export const resources = {
  "zh-CN": { common: zhCommon, auth: zhAuth, members: zhMembers, admin: zhAdmin, tickets: zhTickets },
  en: { common: enCommon, auth: enAuth, members: enMembers, admin: enAdmin, tickets: enTickets },
};
