import enCommon from "./en/common.json";
import enAuth from "./en/auth.json";
import enMembers from "./en/members.json";
import enAdmin from "./en/admin.json";
import enJobs from "./en/jobs.json";
import enFairs from "./en/fairs.json";
import enLabour from "./en/labour.json";
import zhFairs from "./zh-CN/fairs.json";
import zhLabour from "./zh-CN/labour.json";
import enUploads from "./en/uploads.json";
import zhCommon from "./zh-CN/common.json";
import zhAuth from "./zh-CN/auth.json";
import zhMembers from "./zh-CN/members.json";
import zhAdmin from "./zh-CN/admin.json";
import zhJobs from "./zh-CN/jobs.json";
import zhUploads from "./zh-CN/uploads.json";
import enTickets from "./en/tickets.json";
import zhTickets from "./zh-CN/tickets.json";
import enDisputes from "./en/disputes.json";
import enGovernance from "./en/governance.json";
import zhDisputes from "./zh-CN/disputes.json";
import zhGovernance from "./zh-CN/governance.json";
import enFinance from "./en/finance.json";
import zhFinance from "./zh-CN/finance.json";

// One namespace per capability keeps parallel work on the locales out of each other's way.
export const resources = {
  "zh-CN": { common: zhCommon, auth: zhAuth, members: zhMembers, admin: zhAdmin, jobs: zhJobs, fairs: zhFairs, labour: zhLabour, uploads: zhUploads, tickets: zhTickets, disputes: zhDisputes, governance: zhGovernance, finance: zhFinance },
  en: { common: enCommon, auth: enAuth, members: enMembers, admin: enAdmin, jobs: enJobs, fairs: enFairs, labour: enLabour, uploads: enUploads, tickets: enTickets, disputes: enDisputes, governance: enGovernance, finance: enFinance },
};
