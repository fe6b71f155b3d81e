import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

// Several machines share no disk: with FILE_STORE=database the bytes live in PostgreSQL (or the
// embedded database), written in the same transaction as the file row.
// (The settings were read when the test database was set up: the store is switched on them.)
const { settings } = await import("../../app/lib/env.server");
Object.assign(settings(), { FILE_STORE: "database" });

const { getDb } = await import("../../db/client.server");
const { fileContents, files } = await import("../../db/schema/files");
const { seedDemo } = await import("../../db/seed/demo.server");
const { deleteFiles, saveUpload, sendFile, uploadDirectory } = await import("../../app/lib/uploads.server");
const { actorOf } = await import("../support/actors");

const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(3000, 0x41)]);
let actor: ReturnType<typeof actorOf>;

beforeAll(async () => {
  await seedDemo(await getDb());
  actor = actorOf("staff", { userId: "demo-staff" });
});

function upload(name: string) {
  const form = new FormData();
  form.append("file", new Blob([pdf], { type: "application/pdf" }), name);
  return new Request("http://localhost/upload", { method: "POST", body: form });
}

const onDisk = () => {
  mkdirSync(uploadDirectory(), { recursive: true });
  return readdirSync(uploadDirectory());
};

describe("FILE_STORE=database", () => {
  it("keeps the bytes in the database, none on this machine's disk, and sends them back", async () => {
    const result = await saveUpload(upload("合同.pdf"), { ownerKind: "test-db", ownerId: 1, actor });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = result.files[0];
    expect(onDisk()).not.toContain(row.safeName);
    const db = await getDb();
    const [stored] = await db.select().from(fileContents).where(eq(fileContents.fileId, row.id));
    expect(Buffer.compare(stored.bytes, pdf)).toBe(0);

    // Another machine: nothing on its disk either (the upload directory is emptied here).
    rmSync(uploadDirectory(), { recursive: true, force: true });
    const response = await sendFile(row);
    expect(response.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), pdf)).toBe(0);
    expect(response.headers.get("content-length")).toBe(String(pdf.length));
  });

  it("deleting the file row deletes its bytes in the same transaction", async () => {
    const result = await saveUpload(upload("删除.pdf"), { ownerKind: "test-db", ownerId: 2, actor });
    if (!result.ok) throw new Error("upload refused");
    const db = await getDb();
    await db.transaction((tx) => deleteFiles(tx, [result.files[0].id], { ownerKind: "test-db", ownerId: 2, actor }));
    expect(await db.select().from(fileContents).where(eq(fileContents.fileId, result.files[0].id))).toHaveLength(0);
    expect(await db.select().from(files).where(eq(files.id, result.files[0].id))).toHaveLength(0);
  });
});
