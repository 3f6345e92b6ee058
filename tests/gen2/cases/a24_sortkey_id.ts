import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
M: a.model({ pk: a.string().required(), sk: a.id() }).identifier(['pk', 'sk']),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
