import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
E: a.enum(['A']), P: a.model({ cs: a.hasMany('C', 'pId') }), C: a.model({ pId: a.ref('E'), p: a.belongsTo('P', 'pId') }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
