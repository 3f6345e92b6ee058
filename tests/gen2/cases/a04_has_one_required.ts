import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
P: a.model({ c: a.hasOne('C', 'pId').required() }), C: a.model({ pId: a.id(), p: a.belongsTo('P', 'pId') }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
