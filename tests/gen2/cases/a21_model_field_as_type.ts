import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
S: a.string(),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
