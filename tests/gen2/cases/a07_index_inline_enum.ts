import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
M: a.model({ kind: a.enum(['A','B']), at: a.datetime() }).secondaryIndexes((i) => [i('kind').sortKeys(['at'])]),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
