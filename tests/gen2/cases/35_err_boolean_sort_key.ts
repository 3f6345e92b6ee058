// A Boolean sort key in a secondary index: rejected by the GraphQL transformer.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Product: a
      .model({ category: a.string().required(), inStock: a.boolean().required() })
      .secondaryIndexes((index) => [index('category').sortKeys(['inStock'])]),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
