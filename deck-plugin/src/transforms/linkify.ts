/**
 * Splits a message into text and http(s) URLs so the judge's message (which ends with the report URL) can show
 * clickable links, as Deck's stock webhook view does. Trailing sentence punctuation is not part of a URL.
 */

/** A piece of a message: plain text, or a URL to render as a link. */
export type MessagePart = { kind: 'text'; text: string } | { kind: 'url'; url: string };

/** Splits `message` into parts, in order; an empty message gives []. */
export function linkify(message: string): MessagePart[] {
  const parts: MessagePart[] = [];
  const re = /https?:\/\/[^\s<>"']+/g;
  let last = 0;
  for (const m of message.matchAll(re)) {
    let url = m[0];
    const trail = /[.,;:!?)\]]+$/.exec(url);
    if (trail) url = url.slice(0, url.length - trail[0].length);
    const start = m.index ?? 0;
    if (start > last) parts.push({ kind: 'text', text: message.slice(last, start) });
    parts.push({ kind: 'url', url });
    last = start + url.length;
  }
  if (last < message.length) parts.push({ kind: 'text', text: message.slice(last) });
  return parts;
}
