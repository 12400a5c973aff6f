// One email through a real SMTP server (and through servers made to fail): the headers a message
// carries, what counts as delivered, and the reason an operator reads for what does not.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendEmail, type OutgoingEmail } from '@/lib/notifications/smtp';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { closedPort } from '../helpers/upstream';

describe('sending an email', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink?.stop());

  const email = (to: string, overrides: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
    from: { name: 'Acme "Status"', address: 'status@status.acme.com' },
    to,
    subject: 'Investigating: API errors',
    text: 'Looking.',
    html: '<p>Looking.</p>',
    messageId: '<dlv1@status.acme.com>',
    thread: '<incident.inc1@status.acme.com>',
    list: { oneClickUnsubscribe: 'https://status.acme.com/api/unsubscribe/tok', id: 'status.acme.com', name: 'Acme Status' },
    ...overrides,
  });

  it('counts a 250 as delivered; the message carries its id, its thread and RFC 8058’s unsubscribe headers', async () => {
    expect(await sendEmail(sink.url, email('ann@example.com'), 10_000)).toEqual({ ok: true, status: 250, error: null });
    const [mail] = await sink.waitFor('ann@example.com');
    expect(mail.parsed.from?.value).toEqual([{ name: 'Acme "Status"', address: 'status@status.acme.com' }]);
    expect(mail.parsed.messageId).toBe('<dlv1@status.acme.com>');
    expect(mail.parsed.inReplyTo).toBe('<incident.inc1@status.acme.com>');
    expect(mail.parsed.references).toBe('<incident.inc1@status.acme.com>');
    expect(mail.parsed.text?.trim()).toBe('Looking.');
    expect(mail.parsed.html).toBe('<p>Looking.</p>');
    const header = (name: string) => mail.parsed.headerLines.find((line) => line.key === name)?.line.replace(/\r?\n\s+/g, ' ');
    expect(header('list-unsubscribe')).toBe('List-Unsubscribe: <https://status.acme.com/api/unsubscribe/tok>');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(header('list-id')).toBe('List-ID: "Acme Status" <status.acme.com>');
    expect(header('auto-submitted')).toBe('Auto-Submitted: auto-generated');
  });

  it('sends a message outside any list without the list headers', async () => {
    expect((await sendEmail(sink.url, email('bob@example.com', { list: undefined, thread: undefined }), 10_000)).ok).toBe(true);
    const [mail] = await sink.waitFor('bob@example.com');
    expect(mail.parsed.headerLines.map((line) => line.key)).not.toContain('list-unsubscribe');
    expect(mail.parsed.headerLines.map((line) => line.key)).not.toContain('list-unsubscribe-post');
    expect(mail.parsed.inReplyTo).toBeUndefined();
  });

  it('keeps a subject and a sender’s name on their header lines whatever they hold', async () => {
    const sneaky = email('carol@example.com', { subject: 'API errors\r\nBcc: eve@example.com', from: { name: 'Acme\r\nBcc: eve@example.com', address: 'status@status.acme.com' } });
    expect((await sendEmail(sink.url, sneaky, 10_000)).ok).toBe(true);
    const [mail] = await sink.waitFor('carol@example.com');
    expect(mail.to).toEqual(['carol@example.com']);
    expect(mail.parsed.bcc).toBeUndefined();
    expect(mail.parsed.headerLines.map((line) => line.key)).not.toContain('bcc');
  });

  it('names a refusal by what the mail server said, with its code as the status', async () => {
    try {
      sink.refuse(451);
      expect(await sendEmail(sink.url, email('dan@example.com'), 10_000)).toEqual({ ok: false, status: 451, error: 'the mail server said 451 Mailbox temporarily unavailable' });
      sink.refuse(550);
      expect(await sendEmail(sink.url, email('dan@example.com'), 10_000)).toEqual({ ok: false, status: 550, error: 'the mail server refused the message: it said 550 Mailbox temporarily unavailable' });
    } finally {
      sink.refuse(null);
    }
    // The pool recovers with the server.
    expect((await sendEmail(sink.url, email('dan@example.com'), 10_000)).ok).toBe(true);
  });

  it('says when the mail server cannot be reached or does not answer in time', async () => {
    const port = await closedPort();
    expect(await sendEmail(`smtp://127.0.0.1:${port}`, email('erin@example.com'), 10_000)).toEqual({ ok: false, status: null, error: `could not reach the mail server at 127.0.0.1:${port}: connection refused` });
    // A server that takes the connection and never greets.
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as AddressInfo).port;
    try {
      expect(await sendEmail(`smtp://127.0.0.1:${silentPort}`, email('erin@example.com'), 1_000)).toEqual({ ok: false, status: null, error: `no answer from the mail server at 127.0.0.1:${silentPort} within 1 s` });
    } finally {
      silent.close();
    }
    // Back on the first URL: a new pool, working.
    expect((await sendEmail(sink.url, email('erin@example.com'), 10_000)).ok).toBe(true);
  });
});
