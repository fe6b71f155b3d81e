import { allowAll, only, type ByRole, type ObjectProbe, type RouteAccess } from "./types";

const seekerOnly = only("seeker");
const memberOnly = only("member");
const staffAndMembers = only("member", "staff", "admin");
const staffOnlyAction = only("staff", "admin");
/** Résumé of "me": signed-in seekers and members pass the gate; the demo seeker has no file, so 404. */
const resumeOfMe: ByRole = { ...only("seeker", "member"), seeker: 404, member: 404 };

export const routes: RouteAccess[] = [
  { file: "jobs._index.tsx", path: "/jobs?q=%E9%92%88%E8%BD%A6&type=full_time", get: allowAll },
  {
    file: "jobs.$id.tsx",
    path: "/jobs/{openPostingOfMember}",
    get: allowAll,
    actions: [{ intent: "apply", form: { message: "access matrix" }, expect: seekerOnly }],
  },
  { file: "jobs.$id.tsx", path: "/jobs/{postingToCloseOfMember}", actions: [{ intent: "close", form: {}, expect: memberOnly }] },
  {
    file: "jobs.$id.tsx",
    path: "/jobs/{postingToModerate}",
    actions: [
      { intent: "hide", form: { reason: "access matrix" }, expect: staffOnlyAction },
      { intent: "unhide", form: {}, expect: staffOnlyAction },
    ],
  },
  { file: "jobs.new.tsx", path: "/jobs/new", get: memberOnly, actions: [{ form: {}, expect: memberOnly }] },
  { file: "jobs.manage._index.tsx", path: "/jobs/manage", get: staffAndMembers },
  { file: "jobs.manage.applications._index.tsx", path: "/jobs/manage/applications", get: memberOnly },
  {
    file: "jobs.manage.applications.$id.tsx",
    path: "/jobs/manage/applications/{applicationToMember}",
    get: memberOnly,
    actions: [
      { intent: "advance", form: { to: "viewed" }, expect: memberOnly },
      { intent: "decline", form: { reason: "" }, expect: memberOnly },
    ],
  },
  { file: "jobs.applications.tsx", path: "/jobs/applications", get: seekerOnly },
  { file: "jobs.profile.tsx", path: "/jobs/profile", get: seekerOnly, actions: [{ form: {}, expect: seekerOnly }] },
  { file: "jobs.resume.$seekerId.ts", path: "/jobs/resume/me", get: resumeOfMe },
];

export const probes: ObjectProbe[] = [
  { description: "a member opens an application to another enterprise's posting", as: "member", path: "/jobs/manage/applications/{applicationOfOtherEnterprise}", mustNotContain: ["王同学", "13900000001"] },
  { description: "a member moves an application to another enterprise's posting", as: "member", path: "/jobs/manage/applications/{applicationOfOtherEnterprise}", method: "POST", form: { intent: "advance", to: "viewed" } },
  { description: "a member closes another enterprise's posting", as: "member", path: "/jobs/{postingOfOtherEnterprise}", method: "POST", form: { intent: "close" } },
  { description: "a seeker opens a posting hidden by staff", as: "seeker", path: "/jobs/{hiddenPosting}", mustNotContain: ["薪资描述与实际不符"] },
];
