/**
 * A line of an uploaded CSV that was refused: where (line, header = 1; column, or null for the
 * whole file) and why (a message key). Plain TS so the import modules, the upload helper and
 * the component that lists the problems all share it.
 */
export type ImportProblem = { line: number; column: string | null; message: string };
