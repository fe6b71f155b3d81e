// The monitoring forms for the routes' actions: a .server module, so zod never reaches the browser.
export { intField, parseForm } from "../../lib/validation";
export * as z from "zod";
export * from "./schema";
