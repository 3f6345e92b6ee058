import { a, defineData } from '@aws-amplify/backend';
enum Kind { A, B }
const schema = a.schema({
E: a.enum(Object.values(Kind)), M: a.model({ k: a.ref('E') }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
