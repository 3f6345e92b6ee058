import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
M: a.model({ x: a.string() }),
}).authorization((allow) => [allow.publicApiKey()]).authorization((allow) => [allow.guest()]);
export const data = defineData({ schema });
