// .default(...) on a list field: rejected by the GraphQL transformer.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Post: a.model({ tags: a.string().array().default('news') }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
