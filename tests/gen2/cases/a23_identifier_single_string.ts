import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
M: a.model({ code: a.string().required() }).identifier(['code']).secondaryIndexes((i) => [i('code').queryField('byCode')]),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
