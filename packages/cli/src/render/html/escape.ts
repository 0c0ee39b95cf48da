const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and double-quoted attribute values. Everything the page
 * shows from a report goes through the client's `textContent`; this covers the few strings the
 * server-side template writes itself (the title).
 *
 * @example
 * ```ts
 * escapeHtml('<script>"x"</script>'); // '&lt;script&gt;&quot;x&quot;&lt;/script&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

const JSON_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * Serialises a value as JSON that is safe inside `<script type="application/json">`: `<`, `>`,
 * `&`, U+2028 and U+2029 become `\u` escapes, so no `</script>` or `<!--` can end the element,
 * and `JSON.parse` returns exactly the original value.
 *
 * @example
 * ```ts
 * embedJson({ title: '</script><script>alert(1)</script>' }); // '{"title":"\\u003c/script\\u003e…"}'
 * ```
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => JSON_ESCAPES[c] as string);
}
