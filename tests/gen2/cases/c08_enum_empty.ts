import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
  Post: a.model({ kind: a.enum([]) }),
}).authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
