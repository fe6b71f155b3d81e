// Message keys with parameters ("key|{json}"), readable without zod (client bundles stay small).

/** Splits "key|{json}" into what i18next's t() takes. */
export function parseMessage(message: string): [string, Record<string, unknown>] {
  const bar = message.indexOf("|");
  if (bar < 0) return [message, {}];
  try {
    return [message.slice(0, bar), JSON.parse(message.slice(bar + 1))];
  } catch {
    return [message.slice(0, bar), {}];
  }
}
