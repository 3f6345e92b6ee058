import { a, defineData } from '@aws-amplify/backend';
const PROD = false;
const schema = a.schema({
M: PROD ? a.model({ p: a.string() }) : a.model({ d: a.string() }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
