import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
M: a.model(Object.fromEntries(['a', 'b'].map((n) => [n, a.string()]))),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
