import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
M: a.model({ x: a.string() }), getM: a.query().arguments({ id: a.id() }).returns(a.ref('M')).handler(a.handler.custom({ entry: './f.js' })),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
