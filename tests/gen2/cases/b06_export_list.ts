import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({ M: a.model({ x: a.string() }) }).authorization((allow) => [allow.guest()]);
const data = defineData({ schema });
export { data };
