/** Checks once that the PostgreSQL server named by TEST_DATABASE_URL answers, so a bad URL fails clearly. */
export default async function () {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const { default: postgres } = await import("postgres");
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin`select 1`;
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL does not answer: ${(error as Error).message}`);
  } finally {
    await admin.end();
  }
}
