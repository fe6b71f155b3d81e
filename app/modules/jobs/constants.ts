// Plain lists shared by the tables, the forms and the pages (no server code: safe in the browser).
export const educationLevels = ["none", "junior_high", "high_school", "college", "bachelor", "master"] as const;
export type EducationLevel = (typeof educationLevels)[number];
export const experienceLevels = ["none", "lt1", "y1to3", "y3to5", "y5plus"] as const;
export type ExperienceLevel = (typeof experienceLevels)[number];
export const jobTypes = ["full_time", "part_time", "internship"] as const;
export type JobType = (typeof jobTypes)[number];
export const applicationStatuses = ["applied", "viewed", "shortlisted", "interview", "intent", "hired", "declined"] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
