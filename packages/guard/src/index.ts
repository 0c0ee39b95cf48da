// The public surface of @leakwatch/guard (filled in by the guard work, issue 7).
export {};
