// Plain lists shared by the tables, the forms and the pages (no server code: safe in the browser).
export const educationLevels = ["none", "junior_high", "high_school", "college", "bachelor", "master"] as const;
export type EducationLevel = (typeof educationLevels)[number];
export const experienceLevels = ["none", "lt1", "y1to3", "y3to5", "y5plus"] as const;
export type ExperienceLevel = (typeof experienceLevels)[number];
export const jobTypes = ["full_time", "part_time", "internship"] as const;
export type JobType = (typeof jobTypes)[number];
export const applicationStatuses = ["applied", "viewed", "shortlisted", "interview", "intent", "hired", "declined"] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** Towns and sub-districts of Rui'an where the shoe makers work; postings pick one. */
export const jobLocations = [
  "仙降街道",
  "安阳街道",
  "玉海街道",
  "锦湖街道",
  "东山街道",
  "上望街道",
  "莘塍街道",
  "汀田街道",
  "飞云街道",
  "塘下镇",
  "马屿镇",
  "陶山镇",
] as const;

/** Monthly pay floors offered by the salary filter, in yuan. */
export const salaryFloors = [3000, 5000, 7000, 9000, 12000] as const;

export const JOBS_PAGE_SIZE = 20;
