/**
 * HTML escaping for every piece of text that reaches the report page: run
 * names, column values, group keys, law names, titles and captions. Text from
 * a CSV is data, never markup.
 *
 * Escapes the five characters that matter in element content and in quoted
 * attribute values (OWASP XSS cheat sheet, rule #1/#2): & < > " '.
 *
 * @example escapeHtml('<script>alert("x")</script>'); // => '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * A safe identifier for an element id and a file name: lower-case ASCII
 * letters, digits and dashes only (everything else becomes a dash).
 * @example slug('moe_name=1in8 N=2.151e+9'); // => 'moe-name-1in8-n-2-151e-9'
 */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'figure' : s.slice(0, 80);
}

/**
 * Escaped prose in which a number never breaks across lines: `5.63e-4`,
 * `−0.713`, `[−15.76, −11.1]` parts stay whole (a browser may otherwise
 * break after the hyphen of an exponent).
 */
export function prose(text: string): string {
  // \u2212: the minus sign (−), escaped so that the bundled command line stays ASCII (scripts/bundle.ts).
  return escapeHtml(text).replace(/[\u2212-]?\d+(?:[.,]\d+)*(?:e[\u2212-]?\d+)?%?/g, (m) => (/e[\u2212-]|^[\u2212-]/.test(m) ? `<span class="nw">${m}</span>` : m));
}
