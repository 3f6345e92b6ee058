import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
Addr: a.customType({ city: a.string(), kind: a.enum(['H','W']) }), M: a.model({ x: a.string() }), save: a.mutation().arguments({ addr: a.ref('Addr').required(), tags: a.string().array() }).returns(a.ref('Addr')).handler(a.handler.custom({ entry: './f.js' })),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
