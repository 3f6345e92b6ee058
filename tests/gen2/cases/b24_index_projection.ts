import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
M: a.model({ x: a.string().required(), y: a.string(), z: a.string() }).secondaryIndexes((i) => [i('x').projection('KEYS_ONLY'), i('y').projection('INCLUDE', ['z'])]),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
