import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
P: a.model({ cs: a.hasMany('C', 'pId').authorization((allow) => [allow.owner()]) }), C: a.model({ pId: a.id(), p: a.belongsTo('P', 'pId') }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
