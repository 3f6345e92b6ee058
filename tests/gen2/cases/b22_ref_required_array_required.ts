import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
E: a.enum(['A']), M: a.model({ x: a.ref('E').required().array().required() }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
