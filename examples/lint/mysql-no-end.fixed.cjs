// Fixed twin of mysql-no-end.cjs: the connection is created once, outside the handler, and reused.
const mysql = require('mysql');

const connection = mysql.createConnection({
  host: 'localhost',
  user: 'user',
  password: 'password',
  database: 'mydatabase',
});

exports.handler = async (event) => {
  const results = await new Promise((resolve, reject) => {
    connection.query('SELECT * FROM users', (error, rows) => {
      if (error) return reject(error);
      resolve(rows);
    });
  });
  return { statusCode: 200, body: JSON.stringify({ users: results.length }) };
};
