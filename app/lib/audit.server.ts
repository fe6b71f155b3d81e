import { auditEvents } from "../../db/schema/accounts";
import type { Executor } from "../../db/client.server";
import type { Actor } from "./permissions";
import type { AuditAction } from "./audit-actions";

export type AuditEntry = {
  actor: Actor;
  action: AuditAction;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
};

// The transactions that have written an audit row: runCommand (command.server.ts) refuses to
// commit a successful command whose transaction is not in here.
const audited = new WeakSet<object>();

/** True when `appendAudit` has written a row with this transaction (or database handle). */
export function wasAudited(tx: Executor): boolean {
  return audited.has(tx);
}

/** Appends one audit event; call it with the transaction that makes the change. */
export async function appendAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  audited.add(tx);
  await tx.insert(auditEvents).values({
    actorId: entry.actor?.userId ?? null,
    actorRole: entry.actor?.role ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    before: entry.before === undefined ? null : (entry.before as object),
    after: entry.after === undefined ? null : (entry.after as object),
    ip: entry.ip ?? null,
  });
}
