import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
  Post: a.model({ title: a.string() }).authorization((allow) => [allow.owner(), allow.owner()]),
}).authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
