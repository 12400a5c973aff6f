// Validation problems as sentences that name the field, for operators (forms) and for API clients.
// Zod's own wording ("Too small: expected string to have >=1 characters") speaks to programmers.
import { ZodError, type core } from 'zod';

/** What the admin forms call their fields; others are named after the field, in words. */
const FIELD_LABELS: Record<string, string> = {
  name: 'The title',
  body: 'The message',
  status: 'The status',
  impact: 'The impact',
  startedAt: 'The start',
  resolvedAt: 'The end',
  scheduledFor: 'The start',
  scheduledUntil: 'The end',
  displayAt: 'The time shown',
  componentIds: 'The components',
  components: 'The components',
  title: 'The template name',
  componentId: 'The component',
  url: 'The URL',
  expectedStatus: 'The expected status codes',
  jsonPath: 'The JSON path',
  jsonValue: 'The JSON value',
  slowMs: 'The slow threshold',
  certExpiryDays: 'The certificate warning',
  intervalSeconds: 'The interval',
  timeoutSeconds: 'The timeout',
  incidentTemplateId: 'The incident template',
  incidentQuietMinutes: 'The quiet time',
  email: 'The email address',
  endpoint: 'The endpoint URL',
};

/** A form field's name as a sentence's subject: "The title", "The time zone". */
export function fieldLabel(field: string): string {
  if (FIELD_LABELS[field]) return FIELD_LABELS[field];
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return `The ${words}`;
}

const plural = (count: number | bigint, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Zod's own wording; anything else is one of our schemas' messages, already a predicate. */
const ZOD_WORDING = /^(Invalid|Too (small|big)|Unrecognized)/;

/** The predicate of the sentence: "is required", "must be at most 255 characters". */
function predicate(issue: core.$ZodIssue): string {
  if (!ZOD_WORDING.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (/received (undefined|null)$/.test(issue.message)) return 'is required';
      return `must be ${issue.expected === 'date' ? 'a valid time' : `a ${issue.expected}`}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'is required' : `must be at least ${plural(issue.minimum, 'character', 'characters')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `needs at least ${plural(issue.minimum, 'item', 'items')}`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${plural(issue.maximum, 'character', 'characters')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `may have at most ${plural(issue.maximum, 'item', 'items')}`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return `is not a valid ${issue.format}`;
    case 'unrecognized_keys':
      return `has fields this request does not take: ${issue.keys.join(', ')}`;
    case 'invalid_key':
      // A record's key (a header's name): what is wrong with the key itself.
      return issue.issues[0] ? predicate(issue.issues[0]) : 'is not a name this field takes';
    default:
      return 'is not in a form this request takes';
  }
}

/** One sentence: the field named by `label`, then what is wrong with it. */
export function issueSentence(issue: core.$ZodIssue, label: string): string {
  const text = predicate(issue).replace(/[.\s]+$/, '');
  return `${label} ${text}.`;
}

/** For a form: the sentence naming the field as the form labels it. */
export const formIssueSentence = (issue: core.$ZodIssue) => issueSentence(issue, fieldLabel(String(issue.path[0] ?? 'form')));

/** For the API: the sentence naming the field as the client sent it (`incident.body`). */
export const apiIssueSentence = (issue: core.$ZodIssue) => issueSentence(issue, issue.path.length ? issue.path.join('.') : 'The request body');

/**
 * Runs `work`, renaming the paths of its validation issues with `rename`: a verb's schema names its
 * fields as lib does (settings.expectedStatus); a form or an API client knows them by their own names.
 */
export async function withIssuePaths<T>(work: () => Promise<T>, rename: (path: PropertyKey[]) => PropertyKey[]): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ZodError) throw new ZodError(error.issues.map((issue) => ({ ...issue, path: rename(issue.path) })));
    throw error;
  }
}
