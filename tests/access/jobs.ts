import { allowAll, only, type ByRole, type ObjectProbe, type RouteAccess } from "./types";

const seekerOnly = only("seeker");
const memberOnly = only("member");
const staffAndMembers = only("member", "staff", "admin");
const staffOnlyAction = only("staff", "admin");
/** Résumé of "me": signed-in seekers and members pass the gate; the demo seeker has no file, so 404. */
const resumeOfMe: ByRole = { ...only("seeker", "member"), seeker: 404, member: 404 };

/** A posting form that passes the schema (the enterprise and closing date are set per row). */
const postingForm = {
  title: "坏输入岗位",
  headcount: "2",
  salaryMin: "5000",
  salaryMax: "6000",
  education: "none",
  experience: "none",
  jobType: "full_time",
  location: "仙降街道",
  description: "坏输入测试",
  benefits: "",
  contact: "人事部 0577-65123456",
};

// Ids: see the jobs block of tests/access/fixtures.ts (the seed is deterministic).
export const routes: RouteAccess[] = [
  { file: "jobs._index.tsx", path: "/jobs?q=%E9%92%88%E8%BD%A6&type=full_time", get: allowAll },
  {
    // One open posting of the member's enterprise for every intent. The walk may apply to it
    // (seeker) and close it (member): a closed posting is still shown to everyone. Staff hide it
    // without a reason (400) and "unhide" a posting that is not hidden (409), so it is never
    // hidden while other roles GET it; the gate answers are what is checked.
    file: "jobs.$id.tsx",
    path: "/jobs/{postingToCloseOfMember}",
    get: allowAll,
    actions: [
      { intent: "apply", form: { message: "access matrix" }, expect: seekerOnly },
      { intent: "close", form: {}, expect: memberOnly },
      { intent: "hide", form: {}, expect: staffOnlyAction },
      { intent: "unhide", form: {}, expect: staffOnlyAction },
    ],
  },
  {
    file: "jobs.new.tsx",
    path: "/jobs/new",
    get: memberOnly,
    // A form that passes validation but closes in the past: the module refuses it (409), so the
    // bad-input runner reaches the module for every field without creating postings.
    actions: [
      {
        form: {},
        expect: memberOnly,
        validForm: { ...postingForm, enterpriseId: "1", closesOn: "2020-01-01" },
      },
    ],
  },
  { file: "jobs.manage._index.tsx", path: "/jobs/manage", get: staffAndMembers },
  {
    // The member's 针车工 posting (the jobs e2e journey reads it): every form the walk and the
    // bad-input runner send is refused (empty here; a past closing date in validForm), so it never changes.
    file: "jobs.manage.$id.edit.tsx",
    path: "/jobs/manage/{openPostingOfMember}/edit",
    get: memberOnly,
    actions: [{ form: {}, expect: memberOnly, validForm: { ...postingForm, enterpriseId: "{memberEnterprise}", closesOn: "2020-01-01" } }],
  },
  { file: "jobs.manage.applications._index.tsx", path: "/jobs/manage/applications", get: memberOnly },
  // The CSV of the list above (its scope and filters; another enterprise's posting id gives an empty file: see tests/integration/jobs-manage.test.ts).
  { file: "jobs.manage.applications[.csv].ts", path: "/jobs/manage/applications.csv?status=applied", get: memberOnly },
  {
    file: "jobs.manage.applications.$id.tsx",
    path: "/jobs/manage/applications/{applicationToMember}",
    get: memberOnly,
    actions: [
      { intent: "advance", form: { to: "viewed" }, expect: memberOnly },
      { intent: "decline", form: { reason: "" }, expect: memberOnly },
      { intent: "interview", form: { interviewAt: "", interviewPlace: "", interviewContact: "" }, expect: memberOnly },
      { intent: "undo", form: {}, expect: memberOnly },
    ],
  },
  { file: "jobs.applications.tsx", path: "/jobs/applications", get: seekerOnly },
  {
    file: "jobs.profile.tsx",
    path: "/jobs/profile",
    get: seekerOnly,
    // The demo seeker's own profile, as seeded (the last variant sends it back unchanged).
    actions: [
      {
        form: {},
        expect: seekerOnly,
        validForm: {
          fullName: "王同学",
          phone: "13900000001",
          school: "瑞安市职业中等专业学校",
          major: "鞋类设计与工艺",
          graduationYear: "2026",
          education: "high_school",
          skills: "平车、电脑针车，CAD 制版入门",
        },
      },
    ],
  },
  { file: "jobs.resume.$seekerId.ts", path: "/jobs/resume/me", get: resumeOfMe },
];

export const probes: ObjectProbe[] = [
  {
    description: "a member opens an application to another enterprise's posting",
    as: "member",
    path: "/jobs/manage/applications/{applicationOfOtherEnterprise}",
    mustNotContain: ["王同学", "13900000001"],
  },
  {
    description: "a member moves an application to another enterprise's posting",
    as: "member",
    path: "/jobs/manage/applications/{applicationOfOtherEnterprise}",
    method: "POST",
    form: { intent: "advance", to: "viewed" },
  },
  {
    description: "a member invites to an interview on another enterprise's application",
    as: "member",
    path: "/jobs/manage/applications/{applicationOfOtherEnterprise}",
    method: "POST",
    form: { intent: "interview", interviewAt: "2031-05-06T14:30", interviewPlace: "会议室", interviewContact: "人事部" },
  },
  {
    description: "a member undoes the last step of another enterprise's application",
    as: "member",
    path: "/jobs/manage/applications/{applicationOfOtherEnterprise}",
    method: "POST",
    form: { intent: "undo" },
  },
  {
    description: "a member declines an application to another enterprise's posting",
    as: "member",
    path: "/jobs/manage/applications/{applicationOfOtherEnterprise}",
    method: "POST",
    form: { intent: "decline", reason: "不合适" },
  },
  {
    description: "a member closes another enterprise's posting",
    as: "member",
    path: "/jobs/{postingOfOtherEnterprise}",
    method: "POST",
    form: { intent: "close" },
  },
  { description: "a member opens the edit form of another enterprise's posting", as: "member", path: "/jobs/manage/{postingOfOtherEnterprise}/edit" },
  // A form that passes the schema, for the posting's own enterprise and a future date: only the owner check refuses it.
  {
    description: "a member edits another enterprise's posting",
    as: "member",
    path: "/jobs/manage/{postingOfOtherEnterprise}/edit",
    method: "POST",
    form: { ...postingForm, enterpriseId: "{otherEnterprise}", title: "越权修改", closesOn: "2099-12-31" },
    mustNotContain: ["越权修改"],
  },
  { description: "a seeker opens a posting hidden by staff", as: "seeker", path: "/jobs/{hiddenPosting}", mustNotContain: ["薪资描述与实际不符"] },
  {
    description: "a seeker applies to a posting hidden by staff",
    as: "seeker",
    path: "/jobs/{hiddenPosting}",
    method: "POST",
    form: { intent: "apply", message: "access matrix" },
  },
  // The demo data has one seeker: the seeker asks for the résumé of another user, a member for that
  // of a user who never applied to its enterprise (neither has a file, so this checks the 404 only).
  { description: "a seeker downloads another user's résumé", as: "seeker", path: "/jobs/resume/{memberUser}" },
  { description: "a member downloads the résumé of a user who did not apply to its enterprise", as: "member", path: "/jobs/resume/{staffUser}" },
];
