// Seed leak 1, the article's exact case: a mysql connection per invocation, end() never called.
// The socket is opened by connection.connect() on line 9; each warm invocation leaves one more.
const mysql = require('mysql');
const { mysqlConfig } = require('../lib/db-config.cjs');

exports.handler = async (event) => {
  const connection = mysql.createConnection(mysqlConfig());

  connection.connect();

  // Database operations...
  await new Promise((resolve, reject) => {
    connection.query('SELECT * FROM users', (error, results) => {
      if (error) return reject(error);
      resolve(results);
    });
  });

  // !!! BUG: Connection is not being closed !!!
  // connection.end(); // This line is missing

  return {
    statusCode: 200,
    body: JSON.stringify('Data retrieved'),
  };
};

// leakwatch-lint-expect: no-unreleased-connection
