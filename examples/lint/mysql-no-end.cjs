// The seed article's example verbatim: a MySQL connection per invocation, end() never called (line 6).
// leakwatch-lint-expect: no-unreleased-connection
const mysql = require('mysql');

exports.handler = async (event) => {
    const connection = mysql.createConnection({
        host: 'localhost',
        user: 'user',
        password: 'password',
        database: 'mydatabase'
    });

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
