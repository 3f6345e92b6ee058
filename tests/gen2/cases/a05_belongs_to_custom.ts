import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
T: a.customType({ x: a.string() }), M: a.model({ t: a.belongsTo('T', 'tId'), tId: a.id() }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
