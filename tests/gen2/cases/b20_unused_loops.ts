import { a, defineData } from '@aws-amplify/backend';
export function setup(items: string[]) { for (const i of items) { if (!i) { throw new Error('x'); } } }
const schema = a.schema({
M: a.model({ x: a.string() }),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
