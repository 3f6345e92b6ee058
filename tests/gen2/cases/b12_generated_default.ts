import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
M: a.model({ x: a.integer().default() }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
