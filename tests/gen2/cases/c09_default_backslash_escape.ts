import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
  Post: a.model({ v: a.string().default('a\\n') }),
}).authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
