import { a, defineData } from '@aws-amplify/backend';
export default defineData({ schema: a.schema({ M: a.model({ x: a.string() }) }).authorization((allow) => [allow.guest()]) });
