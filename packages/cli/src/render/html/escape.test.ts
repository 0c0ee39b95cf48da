import { describe, expect, it } from 'vitest';
import { embedJson, escapeHtml } from './escape.js';

describe('escaping', () => {
  it('escapeHtml leaves no markup or attribute breaker', () => {
    expect(escapeHtml(`<script>"a" & 'b'</script>`)).toBe('&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;');
  });

  it('embedJson cannot close its script element and round-trips exactly', () => {
    const value = { t: '</script><script>alert(1)</script><!-- & \u2028\u2029 >' };
    const text = embedJson(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
