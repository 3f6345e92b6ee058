import { a, defineData } from '@aws-amplify/backend';
function make() { return { x: a.string() }; }
const schema = a.schema({
M: a.model(make()),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
