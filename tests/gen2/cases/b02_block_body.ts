import { a, defineData } from '@aws-amplify/backend';
const fields = () => { const base = { x: a.string() }; return { ...base, y: a.integer() }; };
const schema = a.schema({
M: a.model(fields()),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
