import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
E: a.enum(['A', 'A']), M: a.model({ e: a.ref('E') }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
