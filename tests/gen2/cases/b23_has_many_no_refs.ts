import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
P: a.model({ cs: a.hasMany('C', []) }), C: a.model({ pId: a.id(), p: a.belongsTo('P', []) }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
