import { a, defineData } from '@aws-amplify/backend';
const NAME = 'Title';
const schema = a.schema({
M: a.model({ [NAME.toLowerCase()]: a.string(), [`${NAME}_${2 * 3}`]: a.string() }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
