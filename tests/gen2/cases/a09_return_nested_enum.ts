import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
M: a.model({ x: a.string() }), foo: a.query().returns(a.customType({ kind: a.enum(['A']), inner: a.customType({ y: a.string() }) })).handler(a.handler.custom({ entry: './f.js' })),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
