import { a, defineData } from '@aws-amplify/backend';
const Base = a.model({ x: a.string().required() });
const schema = a.schema({
M: a.model({ ...Base.fields, y: a.string() }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
