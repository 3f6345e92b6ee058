import { a, defineData } from '@aws-amplify/backend';
const s1 = a.schema({ M: a.model({ x: a.string() }) }).authorization((allow) => [allow.guest()]);
const s2 = a.schema({ N: a.model({ y: a.string() }) }).authorization((allow) => [allow.guest()]);
defineData({ schema: s1 });
export const data = defineData({ schema: s2 });
