import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({ M: a.model({ _version: a.integer(), _deleted: a.boolean() }) }).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({ schema });
