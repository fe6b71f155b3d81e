// The monitoring forms for the routes' actions: a .server module, so zod never reaches the browser.
export { intField, parseForm, z } from "../../lib/validation";
export * from "./schema";
