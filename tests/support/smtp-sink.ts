import { SMTPServer } from "smtp-server";

/** One message as the sink received it: the envelope's recipients and the raw text. */
export type SunkMessage = { to: string[]; data: string; subject: string; sessionId: string };

export type SmtpSink = { port: number; url: string; close: () => Promise<void> };

/**
 * A real SMTP server on loopback for the tests that check what the portal sends (the e2e outbox
 * reader, the mailer, the several-machines tests). Each message is handed to `onMessage`; the
 * server answers 250 once that returns (or its promise settles), so a slow `onMessage` is a slow
 * mail server. `onClose` hears a client connection end (to tell a message accepted too late).
 */
export async function startSmtpSink(
  onMessage: (message: SunkMessage) => void | Promise<void>,
  options: { port?: number; onClose?: (sessionId: string) => void } = {},
): Promise<SmtpSink> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onClose: (session) => options.onClose?.(session.id),
    onData(stream, session, callback) {
      let data = "";
      stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
      stream.on("end", () => {
        const message = {
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
          subject: /^Subject: (.*?)\r?$/m.exec(data)?.[1] ?? "",
          sessionId: session.id,
        };
        Promise.resolve(onMessage(message)).then(
          () => callback(),
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
