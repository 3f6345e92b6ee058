import { a, defineData } from '@aws-amplify/backend';
const f = a.string();
const schema = a.schema({
M: a.model({ x: f, y: f.required() }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
