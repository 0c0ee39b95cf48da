import { randomUUID } from 'node:crypto';

/** The Lambda-shaped context object a handler receives (the parts handlers use). */
export interface LambdaContext {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
  done(error?: unknown, result?: unknown): void;
  fail(error: unknown): void;
  succeed(result: unknown): void;
}

export interface ContextOptions {
  functionName: string;
  memoryMb: number;
  timeoutMs: number;
  /** epoch ms the invocation started */
  startedAt: number;
  /** the legacy done/fail/succeed methods settle the invocation through this */
  settle?: (error: unknown, result?: unknown) => void;
}

/**
 * Builds the context for one invocation; `getRemainingTimeInMillis()` counts down from the timeout.
 *
 * @example
 * ```ts
 * const ctx = createLambdaContext({ functionName: 'orders', memoryMb: 128, timeoutMs: 3000, startedAt: Date.now() });
 * ctx.getRemainingTimeInMillis(); // ≈ 3000
 * ```
 */
export function createLambdaContext(options: ContextOptions): LambdaContext {
  const settle = options.settle ?? ((): void => undefined);
  const deadline = options.startedAt + options.timeoutMs;
  return {
    awsRequestId: randomUUID(),
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryMb),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: 'leakwatch/[$LATEST]harness',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: (error, result) => settle(error ?? null, result),
    fail: (error) => settle(error ?? new Error('failed')),
    succeed: (result) => settle(null, result),
  };
}
