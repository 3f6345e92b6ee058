import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
T: a.customType({ m: a.ref('M') }), M: a.model({ x: a.string() }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
