// `import '@leakwatch/harness/vitest'` adds `toHaveNoLeaks()` and `toHaveLeak(kind, { line })` to Vitest's expect.
import { expect } from 'vitest';
import type { FindingKind } from '@leakwatch/core';
import { leakMatchers } from './matchers.js';
import type { LeakLocation } from './matchers.js';

expect.extend(leakMatchers);

declare module 'vitest' {
  interface Assertion<T> {
    /** the run has no findings (except the ignored kinds) */
    toHaveNoLeaks(options?: { ignore?: FindingKind[] }): T;
    /** the run has a finding of this kind (at this line) */
    toHaveLeak(kind: FindingKind, at?: LeakLocation): T;
  }
}

export { leakMatchers };
