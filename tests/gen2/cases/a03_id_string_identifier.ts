import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
M: a.model({ id: a.string().required(), x: a.string() }).identifier(['id']),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
