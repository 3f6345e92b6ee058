import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
M: a.model({ __secret: a.string() }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
