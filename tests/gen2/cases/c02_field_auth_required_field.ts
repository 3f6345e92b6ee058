import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
  Post: a.model({ title: a.string().required(), secret: a.string().authorization((allow) => [allow.owner()]) }),
}).authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
