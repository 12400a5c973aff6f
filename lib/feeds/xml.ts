// Escaping by hand: five entities and the characters XML 1.0 forbids; the feed writer weighed (feed, on xml-js) escapes less well.
// Characters XML 1.0 cannot carry at all, even escaped (control characters an operator may paste).
const INVALID_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text without the characters XML cannot carry, for a library that escapes the rest itself. */
export const withoutInvalidXml = (value: string): string => value.replace(INVALID_XML, '');

/** Text safe inside an XML element or attribute. */
export function xmlText(value: string): string {
  return withoutInvalidXml(value).replace(/[&<>"']/g, (char) => ENTITIES[char]);
}
