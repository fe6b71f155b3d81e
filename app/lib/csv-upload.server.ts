import type { ImportProblem } from "./import-problem";
import { readBodyWithin } from "./request.server";

/**
 * The CSV file of an import form (members, financing needs, monitoring readings), read whole:
 * a body over `maxBytes` is refused (before it is read when it says its length, as soon as it
 * passes the limit when it does not), and a missing or empty file is a problem of the import like
 * any other, shown in its table.
 */
export async function readCsvUpload(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; form: FormData; text: string } | { ok: false; status: 400 | 413; problems: ImportProblem[] }> {
  const refuse = (status: 400 | 413, message: string) => ({ ok: false as const, status, problems: [{ line: 1, column: null, message }] });
  const mb = Math.round(maxBytes / (1024 * 1024));
  const tooLarge = () => refuse(413, `common:import.tooLarge|${JSON.stringify({ mb })}`);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return tooLarge();
  const body = await readBodyWithin(request, maxBytes);
  if (!body) return tooLarge();
  const form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  const file = form.get("file");
  const text = file && typeof file !== "string" ? await file.text() : "";
  if (!text.trim()) return refuse(400, "common:import.noFile");
  return { ok: true, form, text };
}
