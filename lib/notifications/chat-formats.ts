// A ChatMessage in each service's own incoming-webhook format, within its limits:
// - Slack: { text, blocks } (Block Kit); text in mrkdwn with &, < and > escaped as Slack requires.
// - Discord: { embeds, allowed_mentions } (Execute Webhook); no mention ever pings anyone.
// - Microsoft Teams (Workflows, "post to a channel when a webhook request is received"): a message
//   with one Adaptive Card 1.4 attachment.
import type { ChatMessage, ChatTone } from './chat-message.ts';

/** `text` cut to at most `max` UTF-16 units, ending in "…" when cut, never inside a surrogate pair. */
export function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** `text` escaped by `escape`, then cut to `max`: a cut never splits what escaping wrote ("&amp;", "\*"). */
function fitEscaped(text: string, max: number, escape: (text: string) => string): string {
  let kept = text;
  let escaped = escape(kept);
  while (escaped.length > max) {
    // As much less as escaping made it longer, in proportion: two or three rounds at most.
    const shorter = Math.min(kept.length - 1, Math.floor((kept.length * max) / escaped.length));
    if (shorter < 2) return '';
    kept = fit(kept, shorter);
    escaped = escape(kept);
  }
  return escaped;
}

// Slack: https://api.slack.com/reference/surfaces/formatting#escaping, Block Kit's limits.
const SLACK_SECTION_MAX = 3000;
const SLACK_FIELD_MAX = 2000;
const SLACK_FIELDS_MAX = 10;
const SLACK_TEXT_MAX = 3000;

/** Slack's control characters as the entities it reads them back from; nothing else is escaped. */
export const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A link as mrkdwn: <url|words>. A URL cannot hold the characters that end it. */
const slackLink = (url: string, words: string) => `<${url.replace(/[<>|]/g, encodeURIComponent)}|${slackEscape(words)}>`;

export function slackMessage(message: ChatMessage) {
  const blocks: object[] = [{ type: 'section', text: { type: 'mrkdwn', text: `*${slackLink(message.link.url, fit(message.title, 500))}*` } }];
  if (message.facts.length) {
    blocks.push({
      type: 'section',
      fields: message.facts.slice(0, SLACK_FIELDS_MAX).map((fact) => ({ type: 'mrkdwn', text: `*${slackEscape(fact.label)}*\n${fitEscaped(fact.value, SLACK_FIELD_MAX - fact.label.length - 8, slackEscape)}` })),
    });
  }
  if (message.text) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: fitEscaped(message.text, SLACK_SECTION_MAX, slackEscape) } });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${slackLink(message.page.url, message.page.name)} · ${slackLink(message.leave.url, message.leave.label)}` }] });
  return { text: fitEscaped(message.summary, SLACK_TEXT_MAX, slackEscape), blocks };
}

// Discord: https://discord.com/developers/docs/resources/message#embed-object-embed-limits
export const DISCORD_LIMITS = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, total: 6000 } as const;

const DISCORD_COLORS: Record<ChatTone, number> = {
  critical: 0xdc2626,
  major: 0xea580c,
  minor: 0xca8a04,
  none: 0x64748b,
  maintenance: 0x2563eb,
  good: 0x16a34a,
};

const WEB_ADDRESS = /https?:\/\/[^\s<>()]+/g;

/** `transform` applied to the text between web addresses, which stay as they are (a backslash would break them). */
function outsideAddresses(text: string, transform: (text: string) => string): string {
  let result = '';
  let from = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    result += transform(text.slice(from, match.index)) + match[0];
    from = match.index + match[0].length;
  }
  return result + transform(text.slice(from));
}

/**
 * Discord's markdown characters backslash-escaped, so the text shows as written: emphasis, code,
 * spoilers, links and mentions (<@…>) anywhere; headings, quotes and list marks at a line's start.
 */
export const discordEscape = (text: string) =>
  outsideAddresses(text, (part) => part.replace(/[\\*_~`|<[\]]/g, '\\$&')).replace(/^(\s*)([#>-])/gm, '$1\\$2');
/** A masked link: [words](url); a URL cannot hold the parenthesis that ends it. */
const discordLink = (url: string, words: string) => `[${discordEscape(words)}](${url.replace(/[()\s]/g, encodeURIComponent)})`;

/** The characters Discord counts against an embed's 6,000. */
const discordEmbedLength = (embed: { title: string; description: string; fields: { name: string; value: string }[]; footer: { text: string } }) =>
  embed.title.length + embed.description.length + embed.footer.text.length + embed.fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);

export function discordMessage(message: ChatMessage) {
  const links = `${discordLink(message.page.url, message.page.name)} · ${discordLink(message.leave.url, message.leave.label)}`;
  const title = fit(message.title, DISCORD_LIMITS.title);
  const footer = { text: fit(message.page.name, DISCORD_LIMITS.footer) };
  const fields = message.facts.slice(0, DISCORD_LIMITS.fields).map((fact) => ({
    name: fit(fact.label, DISCORD_LIMITS.fieldName),
    value: fitEscaped(fact.value, DISCORD_LIMITS.fieldValue, discordEscape),
    inline: fact.value.length <= 40,
  }));
  const embed = { title, url: message.link.url, description: links, color: DISCORD_COLORS[message.tone], fields, ...(message.at && { timestamp: message.at }), footer };
  // Facts past the total are left out, the last first.
  while (fields.length && discordEmbedLength(embed) > DISCORD_LIMITS.total) fields.pop();
  // The message takes what the rest leaves of both limits; the links at its end are always kept.
  const room = Math.min(DISCORD_LIMITS.description - links.length, DISCORD_LIMITS.total - discordEmbedLength(embed)) - 2;
  const text = message.text && room > 0 ? fitEscaped(message.text, room, discordEscape) : '';
  if (text) embed.description = `${text}\n\n${links}`;
  return {
    embeds: [embed],
    // Nothing an update says (@everyone, @here, a role, a user) notifies anyone.
    allowed_mentions: { parse: [] },
  };
}

// Teams: Adaptive Cards 1.4, which Workflows' "post card in a chat or channel" renders.
const TEAMS_TEXT_MAX = 6000;

const TEAMS_COLORS: Record<ChatTone, string> = {
  critical: 'Attention',
  major: 'Attention',
  minor: 'Warning',
  none: 'Default',
  maintenance: 'Accent',
  good: 'Good',
};

/** A masked link in a TextBlock's markdown. */
const teamsLink = (url: string, words: string) => `[${words.replace(/[[\]]/g, '')}](${url.replace(/[()\s]/g, encodeURIComponent)})`;

export function teamsMessage(message: ChatMessage) {
  const body: object[] = [{ type: 'TextBlock', text: message.title, size: 'Large', weight: 'Bolder', wrap: true, color: TEAMS_COLORS[message.tone] }];
  if (message.facts.length) body.push({ type: 'FactSet', facts: message.facts.map((fact) => ({ title: fact.label, value: fact.value })) });
  // One TextBlock a line: how Teams breaks lines inside one is not to be relied on.
  const lines = message.text ? fit(message.text, TEAMS_TEXT_MAX).split('\n') : [];
  lines.forEach((line, index) => {
    if (line.trim()) body.push({ type: 'TextBlock', text: line, wrap: true, spacing: index === 0 ? 'Medium' : lines[index - 1].trim() ? 'None' : 'Medium' });
  });
  body.push({ type: 'TextBlock', text: `${teamsLink(message.page.url, message.page.name)} · ${teamsLink(message.leave.url, message.leave.label)}`, size: 'Small', isSubtle: true, wrap: true, spacing: 'Medium' });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          fallbackText: message.summary,
          msteams: { width: 'Full' },
          body,
          actions: [{ type: 'Action.OpenUrl', title: message.link.label, url: message.link.url }],
        },
      },
    ],
  };
}
