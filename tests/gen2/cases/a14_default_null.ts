import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
M: a.model({ x: a.string().default(null), y: a.string().default(['a', 'b']), z: a.float().default(1.50) }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
