// A real SMTP server for tests (the smtp-server package) that keeps every message it accepts, parsed
// with mailparser as a mail client would read it. It can be told to refuse mail for a while, as a
// mail server that is down or over quota does.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients, as the server was told them. */
  to: string[];
  raw: string;
  parsed: ParsedMail;
  at: number;
}

/** A header as it arrived ("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), folded lines joined; mailparser parses some (List-*) into other shapes. */
export const headerLine = (mail: ReceivedMail, name: string) => mail.parsed.headerLines.find((line) => line.key === name)?.line.replace(/\r?\n[ \t]+/g, ' ');

export interface SmtpSink {
  /** smtp://127.0.0.1:PORT, for SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** Answers every message with this SMTP error (e.g. 451, a temporary one) until called with null. */
  refuse(code: number | null): void;
  /** The messages to `address`, waiting up to `timeoutMs` for at least `count` of them. */
  waitFor(address: string, count?: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  let refusing: number | null = null;
  const server = new SMTPServer({
    // No TLS in a test on loopback; any (or no) credentials are accepted.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusing) {
          const error = Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: refusing });
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()), raw, parsed, at: Date.now() });
            callback();
          },
          (error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const to = (address: string) => received.filter((mail) => mail.to.includes(address.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse: (code) => void (refusing = code),
    async waitFor(address, count = 1, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (to(address).length < count) {
        if (Date.now() > until) throw new Error(`${to(address).length} of ${count} messages to ${address} arrived within ${timeoutMs} ms (the sink has ${received.length} in all)`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return to(address);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
