/**
 * Résumé files are checked by their first bytes, not by the name or the type the browser sent.
 * (A minimal local version until the shared uploads module of the security branch lands.)
 */
export const RESUME_MAX_BYTES = 5 * 1024 * 1024;

export type ResumeKind = { ext: "pdf" | "docx" | "doc"; mime: string };

export function resumeKindOf(bytes: Uint8Array): ResumeKind | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return { ext: "pdf", mime: "application/pdf" }; // %PDF-
  if (starts([0x50, 0x4b, 0x03, 0x04])) {
    // A docx is a zip whose entries include word/ (its name shows in the first local headers).
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
    if (head.includes("word/") || head.includes("[Content_Types].xml")) return { ext: "docx", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" };
    return null;
  }
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { ext: "doc", mime: "application/msword" }; // OLE2
  return null;
}

/** A safe display/download name: no path, no control characters, the checked extension. */
export function safeResumeName(original: string, kind: ResumeKind): string {
  const base = original.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, "").replace(/\.[^.]*$/, "").slice(0, 80).trim() || "resume";
  return `${base}.${kind.ext}`;
}
