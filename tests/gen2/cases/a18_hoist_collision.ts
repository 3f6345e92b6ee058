import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
A: a.model({ bC: a.enum(['X']) }), AB: a.model({ c: a.enum(['Y']) }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
