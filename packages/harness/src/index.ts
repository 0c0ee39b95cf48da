// The public surface of @leakwatch/harness (filled in by the harness work, issue 2).
export {};
