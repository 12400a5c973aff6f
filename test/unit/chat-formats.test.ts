import { describe, expect, it } from 'vitest';
import { chatMessage, type ChatMessage } from '@/lib/notifications/chat-message';
import { DISCORD_LIMITS, discordEscape, discordMessage, fit, slackEscape, slackMessage, teamsMessage } from '@/lib/notifications/chat-formats';

const page = { name: 'Acme & Co <Status>', url: 'https://status.example.com', timeZone: 'Europe/Berlin' };
const unsubscribe = 'https://status.example.com/unsubscribe/tok123';

function incidentPayload(overrides: { body?: string; name?: string; status?: string; impact?: string; scheduled_for?: string; scheduled_until?: string } = {}) {
  const status = overrides.status ?? 'identified';
  return {
    incident: {
      id: 'inc1',
      name: overrides.name ?? 'Slow API <for> EU & US',
      status,
      impact: overrides.impact ?? 'major',
      shortlink: 'https://status.example.com/incidents/inc1',
      scheduled_for: overrides.scheduled_for ?? null,
      scheduled_until: overrides.scheduled_until ?? null,
      incident_updates: [
        { status, body: overrides.body ?? 'We found it: **a bad deploy**.\n\n- rolling back', created_at: '2026-03-01T12:00:00.000Z', display_at: '2026-03-01T12:00:00.000Z' },
        { status: 'investigating', body: 'Looking.', created_at: '2026-03-01T11:00:00.000Z', display_at: '2026-03-01T11:00:00.000Z' },
      ],
      components: [
        { name: 'API', status: 'partial_outage' },
        { name: 'Checkout', status: 'degraded_performance' },
      ],
    },
  };
}

const incident = (overrides?: Parameters<typeof incidentPayload>[0]) => chatMessage('incident_update', incidentPayload(overrides), page, unsubscribe)!;

describe('the message of a notification', () => {
  it('says an incident’s name, status, impact, components and latest update in plain text, linked to the incident', () => {
    const message = incident();
    expect(message).toMatchObject({
      summary: 'Identified: Slow API <for> EU & US',
      title: 'Slow API <for> EU & US',
      link: { label: 'View incident', url: 'https://status.example.com/incidents/inc1' },
      facts: [
        { label: 'Status', value: 'Identified' },
        { label: 'Impact', value: 'Major' },
        { label: 'Components', value: 'API (Partial outage), Checkout (Degraded performance)' },
      ],
      text: 'We found it: a bad deploy.\n\n• rolling back',
      at: '2026-03-01T12:00:00.000Z',
      tone: 'major',
      leave: { label: 'Unsubscribe', url: unsubscribe },
    });
    expect(incident({ status: 'resolved' }).tone).toBe('good');
  });

  it('gives a maintenance its times in the page’s zone, and announces a reminder as coming up', () => {
    const maintenance = { status: 'scheduled', impact: 'maintenance', name: 'Database upgrade', scheduled_for: '2026-03-02T08:00:00.000Z', scheduled_until: '2026-03-02T09:30:00.000Z', body: 'Short downtime.' };
    const update = incident(maintenance);
    expect(update.facts).toContainEqual({ label: 'Scheduled', value: 'Mar 2, 2026, 09:00 GMT+1 to Mar 2, 2026, 10:30 GMT+1' });
    expect(update.facts.map((fact) => fact.label)).not.toContain('Impact');
    expect(update).toMatchObject({ tone: 'maintenance', link: { label: 'View maintenance' } });
    const reminder = chatMessage('maintenance_reminder', incidentPayload(maintenance), page, unsubscribe)!;
    expect(reminder).toMatchObject({ title: 'Coming up: Database upgrade', text: 'Starts Mar 2, 2026, 09:00 GMT+1.\n\nShort downtime.', summary: 'Maintenance coming up: Database upgrade, starting Mar 2, 2026, 09:00 GMT+1' });
  });

  it('says a component’s change, and welcomes a channel with the link to manage its subscription', () => {
    const change = chatMessage('component_update', { component: { name: 'API' }, component_update: { old_status: 'operational', new_status: 'major_outage', created_at: '2026-03-01T12:00:00.000Z' } }, page, unsubscribe)!;
    expect(change).toMatchObject({ title: 'API: Major outage', facts: [{ label: 'Status', value: 'Major outage' }, { label: 'Before', value: 'Operational' }], tone: 'critical', link: { url: page.url } });
    const welcome = chatMessage('manage_link', { manage_url: 'https://status.example.com/subscriptions/tok123', components: ['API', 'Checkout'] }, page, unsubscribe)!;
    expect(welcome.text).toBe('This channel now receives status updates from Acme & Co <Status> about API and Checkout.\nManage or unsubscribe: https://status.example.com/subscriptions/tok123');
    expect(welcome.leave).toEqual({ label: 'Manage or unsubscribe', url: 'https://status.example.com/subscriptions/tok123' });
    expect(chatMessage('confirmation', {}, page, unsubscribe)).toBeNull();
  });
});

describe('Slack', () => {
  it('escapes &, < and > everywhere Slack reads mrkdwn, and nothing else', () => {
    expect(slackEscape('a & b <c> *d* &amp;')).toBe('a &amp; b &lt;c&gt; *d* &amp;amp;');
    const body = slackMessage({ ...incident(), text: 'Use <!channel> & <https://evil.example|click> now' });
    expect(JSON.stringify(body)).not.toMatch(/<!channel>|<https:\/\/evil/);
    expect(body.text).toBe('Identified: Slow API &lt;for&gt; EU &amp; US');
    expect(body.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*<https://status.example.com/incidents/inc1|Slow API &lt;for&gt; EU &amp; US>*' } });
    expect(body.blocks[1]).toEqual({
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: '*Status*\nIdentified' },
        { type: 'mrkdwn', text: '*Impact*\nMajor' },
        { type: 'mrkdwn', text: '*Components*\nAPI (Partial outage), Checkout (Degraded performance)' },
      ],
    });
    expect(body.blocks[2]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'Use &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; now' } });
    expect(body.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '<https://status.example.com|Acme &amp; Co &lt;Status&gt;> · <https://status.example.com/unsubscribe/tok123|Unsubscribe>' }] });
  });

  it('keeps a long update within a section’s 3,000 characters without cutting an escape in half', () => {
    const body = slackMessage(incident({ body: '&'.repeat(5000) }));
    const text = (body.blocks[2] as { text: { text: string } }).text.text;
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).toMatch(/^(&amp;)+…$/);
  });
});

describe('Discord', () => {
  it('sends an embed with the incident linked, coloured by impact, and lets nothing ping', () => {
    const body = discordMessage(incident({ body: '@everyone @here <@123> <@&456> **bold** _x_ `code` see https://x.example/a_b-c' }));
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body).not.toHaveProperty('content');
    const [embed] = body.embeds;
    expect(embed).toMatchObject({ title: 'Slow API <for> EU & US', url: 'https://status.example.com/incidents/inc1', color: 0xea580c, timestamp: '2026-03-01T12:00:00.000Z', footer: { text: 'Acme & Co <Status>' } });
    expect(embed.fields).toEqual([
      { name: 'Status', value: 'Identified', inline: true },
      { name: 'Impact', value: 'Major', inline: true },
      { name: 'Components', value: 'API (Partial outage), Checkout (Degraded performance)', inline: false },
    ]);
    // Markdown the update did not mean (it was plain text by now) shows as written; a web address stays whole.
    expect(embed.description).toBe('@everyone @here \\<@123> \\<@&456> bold x code see https://x.example/a_b-c\n\n[Acme & Co \\<Status>](https://status.example.com) · [Unsubscribe](https://status.example.com/unsubscribe/tok123)');
    expect(discordEscape('# not a heading\n- not a list\n> not a quote\n*a* _b_ ~c~ |d| [e]')).toBe('\\# not a heading\n\\- not a list\n\\> not a quote\n\\*a\\* \\_b\\_ \\~c\\~ \\|d\\| \\[e\\]');
  });

  it('keeps within Discord’s limits: title 256, field 1,024, description 4,096, 6,000 in all', () => {
    const long: ChatMessage = {
      ...incident({ body: 'word '.repeat(3000) }),
      title: 'T'.repeat(400),
      facts: Array.from({ length: 30 }, (_, index) => ({ label: `Fact ${index}`, value: 'v'.repeat(2000) })),
    };
    const [embed] = discordMessage(long).embeds;
    expect(embed.title).toHaveLength(DISCORD_LIMITS.title);
    expect(embed.title.endsWith('…')).toBe(true);
    expect(embed.fields.length).toBeLessThan(DISCORD_LIMITS.fields);
    for (const field of embed.fields) expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    const total = embed.title.length + embed.description.length + embed.footer.text.length + embed.fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
    expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.total);
    // The links at the end survive the cut.
    expect(embed.description).toMatch(/\[Unsubscribe\]\(https:\/\/status\.example\.com\/unsubscribe\/tok123\)$/);

    const many = discordMessage({ ...incident(), facts: Array.from({ length: 30 }, (_, index) => ({ label: `Fact ${index}`, value: 'short' })) });
    expect(many.embeds[0].fields).toHaveLength(DISCORD_LIMITS.fields);

    const [short] = discordMessage({ ...incident({ body: 'word '.repeat(3000) }) }).embeds;
    expect(short.description.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(short.description).toMatch(/^word word .*…\n\n\[Acme/s);
  });
});

describe('Microsoft Teams', () => {
  it('posts a message with one Adaptive Card 1.4: title, facts, the update a line a block, links, a button to the incident', () => {
    const body = teamsMessage(incident({ body: 'First.\n\n- one\n- two' }));
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    const [attachment] = body.attachments;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = attachment.content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', fallbackText: 'Identified: Slow API <for> EU & US' });
    expect(card.body).toEqual([
      { type: 'TextBlock', text: 'Slow API <for> EU & US', size: 'Large', weight: 'Bolder', wrap: true, color: 'Attention' },
      { type: 'FactSet', facts: [{ title: 'Status', value: 'Identified' }, { title: 'Impact', value: 'Major' }, { title: 'Components', value: 'API (Partial outage), Checkout (Degraded performance)' }] },
      { type: 'TextBlock', text: 'First.', wrap: true, spacing: 'Medium' },
      { type: 'TextBlock', text: '• one', wrap: true, spacing: 'Medium' },
      { type: 'TextBlock', text: '• two', wrap: true, spacing: 'None' },
      { type: 'TextBlock', text: '[Acme & Co <Status>](https://status.example.com) · [Unsubscribe](https://status.example.com/unsubscribe/tok123)', size: 'Small', isSubtle: true, wrap: true, spacing: 'Medium' },
    ]);
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'View incident', url: 'https://status.example.com/incidents/inc1' }]);
  });
});

describe('fit', () => {
  it('cuts with an ellipsis, never inside a surrogate pair', () => {
    expect(fit('short', 10)).toBe('short');
    expect(fit('abcdefghij', 5)).toBe('abcd…');
    expect(fit('abc😀def', 5)).toBe('abc…');
  });
});
