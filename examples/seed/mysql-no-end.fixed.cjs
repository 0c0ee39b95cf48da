// Fixed twin of mysql-no-end.cjs: the connection is ended in a finally block on every path.
const mysql = require('mysql');
const { mysqlConfig } = require('../lib/db-config.cjs');

exports.handler = async (event) => {
  const connection = mysql.createConnection(mysqlConfig());
  try {
    connection.connect();
    const rows = await new Promise((resolve, reject) => {
      connection.query('SELECT * FROM users', (error, results) => {
        if (error) return reject(error);
        resolve(results);
      });
    });
    return { statusCode: 200, body: JSON.stringify({ users: rows.length }) };
  } finally {
    await new Promise((resolve) => connection.end(() => resolve()));
  }
};
