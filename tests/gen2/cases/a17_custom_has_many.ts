import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
T: a.customType({ ms: a.hasMany('M', 'tId') }), M: a.model({ tId: a.id() }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
