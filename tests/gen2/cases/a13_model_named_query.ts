import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
Query: a.model({ x: a.string() }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
