// Connection settings for the database examples: the servers that `npm test` and `npm run demo`
// start on 127.0.0.1 (scripts/services.sh), or LEAKWATCH_MYSQL_URL / LEAKWATCH_PG_URL.
'use strict';

function mysqlConfig() {
  const url = new URL(process.env.LEAKWATCH_MYSQL_URL || 'mysql://leakwatch:leakwatch@127.0.0.1:3306/leakwatch');
  return {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
  };
}

function pgConnectionString() {
  return process.env.LEAKWATCH_PG_URL || 'postgres://leakwatch:leakwatch@127.0.0.1:5432/leakwatch';
}

module.exports = { mysqlConfig, pgConnectionString };
