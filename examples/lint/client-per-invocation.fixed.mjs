// Fixed twin of client-per-invocation.mjs: one client at module scope, reused by every invocation.
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const db = new DynamoDBClient({ requestHandler: new NodeHttpHandler({ requestTimeout: 2000 }) });

export const handler = async (event) => {
  const item = await db.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: event.id } } }));
  return { statusCode: 200, body: JSON.stringify(item.Item ?? null) };
};
