/** What a peer is, from its port: `127.0.0.1:3306 → MySQL`. */
export interface ServiceInfo {
  service: string;
  database: boolean;
  /** the setting that caps connections on the server, when there is one */
  limitSetting?: string;
  /** that setting's usual default */
  defaultLimit?: number;
}

const BY_PORT: Record<number, ServiceInfo> = {
  3306: { service: 'MySQL', database: true, limitSetting: 'max_connections', defaultLimit: 151 },
  5432: { service: 'PostgreSQL', database: true, limitSetting: 'max_connections', defaultLimit: 100 },
  6379: { service: 'Redis', database: true, limitSetting: 'maxclients', defaultLimit: 10000 },
  27017: { service: 'MongoDB', database: true, limitSetting: 'net.maxIncomingConnections', defaultLimit: 65536 },
  11211: { service: 'Memcached', database: true, limitSetting: 'max connections (-c)', defaultLimit: 1024 },
  1433: { service: 'SQL Server', database: true, limitSetting: 'user connections', defaultLimit: 32767 },
  1521: { service: 'Oracle', database: true, limitSetting: 'processes' },
  9042: { service: 'Cassandra', database: true },
  26257: { service: 'CockroachDB', database: true },
  5439: { service: 'Redshift', database: true, limitSetting: 'max_connections', defaultLimit: 500 },
  9200: { service: 'Elasticsearch', database: true },
  8529: { service: 'ArangoDB', database: true },
  7687: { service: 'Neo4j', database: true },
  5672: { service: 'AMQP', database: false },
  9092: { service: 'Kafka', database: false },
  4222: { service: 'NATS', database: false },
  80: { service: 'HTTP', database: false },
  443: { service: 'HTTPS', database: false },
  8080: { service: 'HTTP', database: false },
  8443: { service: 'HTTPS', database: false },
};

/** Services known by name, for a peer described by its driver rather than its port. */
const BY_NAME: Record<string, number> = {
  mysql: 3306,
  mariadb: 3306,
  postgres: 5432,
  postgresql: 5432,
  redis: 6379,
  mongodb: 27017,
  memcached: 11211,
};

/**
 * Classifies a peer by port (and optionally a driver hint such as `mysql` or `pg`).
 *
 * @example
 * ```ts
 * classifyPeer(5432); // { service: 'PostgreSQL', database: true, limitSetting: 'max_connections', defaultLimit: 100 }
 * ```
 */
export function classifyPeer(port: number | undefined, hint?: string): ServiceInfo | undefined {
  if (port !== undefined && BY_PORT[port]) return BY_PORT[port];
  if (hint) {
    const key = hint.toLowerCase().replace(/[^a-z]/g, '');
    const viaHint = BY_NAME[key] ?? (key === 'pg' ? 5432 : key === 'ioredis' ? 6379 : key === 'mysql2' ? 3306 : undefined);
    if (viaHint !== undefined) return BY_PORT[viaHint];
  }
  return undefined;
}

/** `127.0.0.1:3306 → MySQL`, or just the address when the port is unknown. */
export function describePeer(address: string | undefined, port: number | undefined): string {
  const host = address === undefined ? '?' : address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
  const where = port === undefined ? host : `${host}:${port}`;
  const info = classifyPeer(port);
  return info ? `${where} → ${info.service}` : where;
}
