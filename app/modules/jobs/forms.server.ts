// The jobs forms only the routes' loaders and actions read (a .server module): a public page that
// validates nothing in the browser then loads no zod (~29 KB gzip; docs/decisions/032-zod-in-the-browser.md).
export { applySchema, hideSchema, parseJobSearch } from "./forms";
export { parseForm } from "../../lib/validation";
