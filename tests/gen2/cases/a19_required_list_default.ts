import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
M: a.model({ x: a.string().required().default('v'), n: a.integer().required().default(0) }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
