// An AWS SDK client constructed per invocation (line 7): each keeps its own sockets and pays a new TLS handshake.
// leakwatch-lint-expect: no-client-per-invocation
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

export const handler = async (event) => {
  const db = new DynamoDBClient({ requestHandler: new NodeHttpHandler({ requestTimeout: 2000 }) });
  const item = await db.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: event.id } } }));
  return { statusCode: 200, body: JSON.stringify(item.Item ?? null) };
};
