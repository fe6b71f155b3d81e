import en from "./en";
import zhCN from "./zh-CN";

// Both languages, every namespace: server only (the browser loads one language, see app/lib/i18n.ts).
// One namespace per capability keeps parallel work on the locales out of each other's way.
export const resources = { "zh-CN": zhCN, en };
