import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({
M: a.model({ x: a.string() }), N: a.model({ y: a.string() }), onBoth: a.subscription().for([a.ref('M').mutations(['create']), a.ref('N').mutations(['create'])]).handler(a.handler.custom({ entry: './f.js' })),
}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
