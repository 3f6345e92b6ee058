// A default that is not an Int: rejected by the GraphQL transformer.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Counter: a.model({ value: a.integer().default('many') }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
