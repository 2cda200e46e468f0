// Reads a GraphQL-over-HTTP answer to the introspection query on standard input and builds the client schema
// from it with graphql-js itself, as GraphiQL and the code generators do. Exits 1, saying why, when it cannot.
const { buildClientSchema, validateSchema } = require('graphql');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const answer = JSON.parse(input);
  if (answer.errors && answer.errors.length > 0) {
    console.log('the answer has errors: ' + JSON.stringify(answer.errors));
    process.exit(1);
  }
  const schema = buildClientSchema(answer.data);
  const problems = validateSchema(schema);
  if (problems.length > 0) {
    console.log('the schema is not valid: ' + problems.map((p) => p.message).join('; '));
    process.exit(1);
  }
  const query = schema.getQueryType();
  console.log('schema ok: ' + query.name + ' has ' + Object.keys(query.getFields()).length + ' fields: '
    + Object.keys(query.getFields()).sort().join(', '));
});
